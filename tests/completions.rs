//! CLI tests of `claimtrail completions SHELL` and `claimtrail man`: each generates, names every
//! subcommand, and the bash script is valid bash.

mod common;

use common::*;

const SUBCOMMANDS: [&str; 6] = ["check", "diff", "review", "report", "export", "completions"];

#[test]
fn completions_generate_for_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_claimtrail()"),
        ("zsh", "#compdef claimtrail"),
        ("fish", "complete -c claimtrail"),
        ("elvish", "edit:completion:arg-completer[claimtrail]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let r = ct(dir.path(), &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains(marker), "{shell}: no {marker:?}");
        for sub in SUBCOMMANDS {
            assert!(r.stdout.contains(sub), "{shell}: no {sub}");
        }
        // The export formats are offered as values of --format.
        assert!(r.stdout.contains("w3c-annotation"), "{shell}");
    }
    let r = ct(dir.path(), &["completions", "tcsh"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid value 'tcsh'"), "{}", r.stderr);
}

#[test]
fn bash_completion_is_valid_bash() {
    let dir = tempfile::tempdir().unwrap();
    let r = ct(dir.path(), &["completions", "bash"]);
    let file = dir.path().join("claimtrail.bash");
    std::fs::write(&file, &r.stdout).unwrap();
    match std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .status()
    {
        Ok(status) => assert!(status.success(), "bash -n rejects the script"),
        Err(e) => eprintln!("SKIPPED bash -n: {e}"),
    }
}

#[test]
fn man_page_generates() {
    let dir = tempfile::tempdir().unwrap();
    let r = ct(dir.path(), &["man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(".TH claimtrail 1"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains(".SH NAME\nclaimtrail \\- Audit trail for news articles")
    );
    assert!(r.stdout.contains(".SH SUBCOMMANDS"));
    for sub in SUBCOMMANDS {
        assert!(
            r.stdout
                .contains(&format!("claimtrail\\-{}", sub.replace('-', "\\-"))),
            "{sub}"
        );
    }
    assert!(r.stdout.contains("Exit codes: 0 ok"));
    let r = ct(dir.path(), &["man", "--format", "json"]);
    assert_eq!(r.code, 2);
}
