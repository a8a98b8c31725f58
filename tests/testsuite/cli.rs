//! The command line: exit codes, Vietnamese messages, `init` then `build` with no theme folder.

use std::process::Command;

fn bangvang(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_bangvang"))
        .args(args)
        .output()
        .expect("run bangvang");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn init_then_build_needs_no_theme_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("trang-moi");
    let site_s = site.to_string_lossy().into_owned();
    let (code, stdout, _) = bangvang(&["init", &site_s]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Đã tạo trang mới"), "{stdout}");
    assert!(!site.join("themes").exists());
    let (code, stdout, stderr) = bangvang(&["-C", &site_s, "build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Xong"), "{stdout}");
    assert!(site.join("public/index.html").is_file());
    assert!(site.join("public/static/style.css").is_file());
    let (code, _, stderr) = bangvang(&["init", &site_s]);
    assert_eq!(code, 1, "init never overwrites");
    assert!(stderr.contains("đã có tệp"), "{stderr}");
    let (code, stdout, _) = bangvang(&["check", "-C", &site_s]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Kiểm tra xong"), "{stdout}");
}

#[test]
fn exit_codes_tell_content_problems_from_usage_errors() {
    let broken = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken");
    let (code, _, stderr) = bangvang(&["-C", broken, "check"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("content/mo-hinh/sai-tinh.md:4:12"),
        "{stderr}"
    );
    assert!(stderr.contains("Không tạo trang vì có"), "{stderr}");
    let (code, _, stderr) = bangvang(&["xay-dung"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("không có lệnh «xay-dung»"), "{stderr}");
    let (code, _, stderr) = bangvang(&["build", "--khong-co"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("không hiểu tham số"), "{stderr}");
    assert_eq!(bangvang(&[]).0, 2);
}

#[test]
fn help_is_in_vietnamese() {
    for args in [&["--help"][..], &["build", "--help"]] {
        let (code, stdout, _) = bangvang(args);
        assert_eq!(code, 0);
        assert!(
            stdout.contains("Cách dùng") && stdout.contains("Tùy chọn"),
            "{stdout}"
        );
        for english in ["Usage", "Options", "Print help", "[OPTIONS]"] {
            assert!(!stdout.contains(english), "{english} in {stdout}");
        }
    }
}
