//! Build benchmark: generates sites of N synthetic entries (realistic Vietnamese text, every
//! province, period, field, status and commendation form, so every index is exercised), then
//! builds each in a fresh child process and prints wall time and peak memory.
//!
//! `cargo bench --bench build` runs N = 1 000, 10 000 and 100 000;
//! `cargo bench --bench build -- 5000 20000` runs the sizes given;
//! `cargo bench --bench build -- --generate DIR N` only writes a site of N entries into DIR.
//! The sites are made under `$BANGVANG_BENCH_DIR` (default: the system's temporary folder), e.g.
//! `BANGVANG_BENCH_DIR=/dev/shm` to measure the generator without the disk. Before the first
//! build it syncs and waits two and a half minutes (see `settle`; `BANGVANG_BENCH_SETTLE=0` skips that).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use bangvang::{BuildOptions, gazetteer, vi};

/// The same allocator as the `bangvang` binary, so the figures are those of the command.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Lò", "Hà", "Triệu", "Nông", "Đinh", "Quách",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Đức", "Hồng", "Minh", "Thanh", "Ngọc", "Quốc", "Kim", "Hữu", "Thu", "Bích",
];
const GIVEN: &[&str] = &[
    "An", "Ánh", "Bình", "Cường", "Châu", "Dũng", "Duyên", "Đông", "Đạt", "Giang", "Hạnh", "Hương",
    "Hùng", "Khuê", "Khánh", "Lâm", "Linh", "Mai", "Nam", "Nga", "Oanh", "Phúc", "Phương", "Quang",
    "Sơn", "Tâm", "Thảo", "Toản", "Uyên", "Vân", "Vượng", "Yến", "Ước", "Ân",
];
const WORK: &[&str] = &[
    "xây dựng nông thôn mới",
    "cải cách thủ tục hành chính",
    "giảm nghèo bền vững",
    "hiến đất làm đường",
    "giữ gìn an ninh trật tự",
    "chuyển đổi số",
    "tiếp công dân",
    "bảo vệ môi trường",
    "phát triển kinh tế hộ gia đình",
    "xây nhà đại đoàn kết",
    "vận động đồng bào bỏ hủ tục",
    "chăm sóc sức khỏe nhân dân",
];
const UNITS: &[&str] = &[
    "Chi bộ Hội Nông dân",
    "Đảng ủy Sở Tài chính",
    "Chi bộ thôn",
    "Đoàn Thanh niên xã",
    "Hội Liên hiệp Phụ nữ huyện",
    "Đảng bộ Công an",
    "Chi bộ Trường Tiểu học",
    "Ủy ban Mặt trận Tổ quốc xã",
    "Đảng ủy Bệnh viện Đa khoa",
    "Chi bộ Kho bạc Nhà nước",
];
const POSITIONS: &[&str] = &[
    "Bí thư Chi bộ",
    "Trưởng thôn",
    "Chủ tịch Hội Phụ nữ xã",
    "Giám đốc",
    "Bác sĩ",
    "Giáo viên",
    "Công an viên",
    "Trưởng ban Dân vận",
];
const FIELDS: &[&str] = &[
    "Kinh tế",
    "Văn hóa – xã hội",
    "Quốc phòng – an ninh",
    "Xây dựng hệ thống chính trị",
];
const FORMS: &[(&str, &str)] = &[
    ("Giấy khen", "Ban Thường vụ Đảng ủy Khối"),
    ("Giấy khen", "Ban Dân vận Tỉnh ủy"),
    ("Bằng khen", "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Tuyên dương", "Hội nghị tổng kết phong trào"),
];

fn pick<T: Copy>(list: &[T], n: usize) -> T {
    list[n % list.len()]
}

fn story(i: usize, work: &str, place: &str) -> String {
    format!(
        "Từ năm {y}, đơn vị chọn việc {work} làm khâu đột phá, gắn với học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. \
Cán bộ, đảng viên xuống từng thôn, bản ở {place} để nắm tâm tư, nguyện vọng của Nhân dân.\n\n\
## Cách làm\n\n- Họp dân định kỳ, công khai mọi khoản đóng góp;\n- Phân công đảng viên phụ trách từng nhóm hộ;\n- Sơ kết hằng quý, biểu dương người tốt, việc tốt.\n\n\
Sau {k} năm, **{n} hộ** đã tham gia, đóng góp hơn {m}.000 ngày công và {d} m² đất để làm đường, nhà văn hóa. \
Mô hình được nhân rộng ra {r} xã lân cận.\n",
        y = 2017 + i % 5,
        k = 2 + i % 4,
        n = 40 + i % 300,
        m = 1 + i % 20,
        d = 500 + (i * 37) % 9000,
        r = 2 + i % 9,
    )
}

fn entry(i: usize, provinces: &[&str]) -> (String, String) {
    let person = i % 3 == 2;
    let province = pick(provinces, i * 7 + i / 64);
    let period = if i.is_multiple_of(2) {
        "2017-2020"
    } else {
        "2021-2023"
    };
    let work = pick(WORK, i / 3);
    let status = pick(
        &["registered", "recognised", "commended", "commended"],
        i / 5,
    );
    let (title_key, title, section) = if person {
        let name = format!(
            "{} {} {}",
            pick(FAMILY, i),
            pick(MIDDLE, i / 7),
            pick(GIVEN, i / 11)
        );
        ("name", name, "ca-nhan")
    } else {
        ("title", format!("Dân vận khéo trong {work}"), "mo-hinh")
    };
    let slug = format!("{}-{i}", vi::slugify(&title));
    let mut fm = format!(
        "+++\n{title_key} = \"{title}\"\nprovince = \"{province}\"\nperiod = \"{period}\"\n"
    );
    fm += &format!(
        "fields = [\"{}\", \"{}\"]\nstatus = \"{status}\"\ndate = {}-{:02}-{:02}\n",
        pick(FIELDS, i),
        pick(FIELDS, i / 4 + 1),
        2018 + i % 6,
        1 + i % 12,
        1 + i % 28
    );
    if person {
        fm += &format!(
            "position = \"{}\"\nunit = \"{} {province}\"\nmodel = \"Dân vận khéo trong {work}\"\n",
            pick(POSITIONS, i),
            pick(UNITS, i / 2)
        );
    } else {
        fm += &format!(
            "owner = \"{} {province}\"\norganization = \"Đảng ủy Khối các cơ quan tỉnh\"\n",
            pick(UNITS, i)
        );
    }
    fm += &format!(
        "summary = \"Vận động Nhân dân cùng làm việc {work}, được bà con đồng tình, ủng hộ.\"\nfeatured = {}\n",
        i.is_multiple_of(97)
    );
    fm += &format!(
        "\n[[results]]\nlabel = \"Hộ dân tham gia\"\nvalue = {}\nunit = \"hộ\"\n",
        40 + i % 3000
    );
    if status == "commended" {
        let (form, issuer) = pick(FORMS, i);
        fm += &format!(
            "\n[[awards]]\nform = \"{form}\"\nissuer = \"{issuer}\"\ndecision = \"{}-QĐ/ĐUK\"\ndate = {}-10-12\n",
            100 + i % 900,
            2020 + i % 4
        );
    }
    fm += "\n[private]\nphone = \"0912 000 000\"\n+++\n";
    (
        format!("content/{section}/{slug}.md"),
        fm + &story(i, work, province),
    )
}

/// Writes a site of `n` entries into `dir`.
fn generate(dir: &Path, n: usize) -> std::io::Result<()> {
    let g = gazetteer::embedded();
    let provinces: Vec<&str> = g
        .provinces()
        .iter()
        .filter(|p| p.legacy)
        .map(|p| p.name.as_str())
        .collect();
    std::fs::create_dir_all(dir.join("content/mo-hinh"))?;
    std::fs::create_dir_all(dir.join("content/ca-nhan"))?;
    std::fs::create_dir_all(dir.join("content/_data"))?;
    std::fs::write(
        dir.join("site.toml"),
        "title = \"Bảng vàng (thử tải)\"\nbase_url = \"https://example.gov.vn/\"\nper_page = 24\n",
    )?;
    std::fs::write(
        dir.join("content/_index.md"),
        "+++\ntitle = \"Bảng vàng\"\n+++\nTrang thử tải.\n",
    )?;
    let mut reports = String::new();
    for p in provinces.iter().take(20) {
        reports += &format!(
            "[[report]]\nprovince = \"{p}\"\nperiod = \"2021-2023\"\nregistered_collectives = 1061\nregistered_individuals = 5908\n\n"
        );
    }
    std::fs::write(dir.join("content/_data/reports.toml"), reports)?;
    for i in 0..n {
        let (path, text) = entry(i, &provinces);
        std::fs::write(dir.join(path), text)?;
    }
    Ok(())
}

/// Peak resident memory of this process, in MiB (Linux).
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// In the child: build the site in `dir` once and print `seconds pages peak_mib`.
fn child(dir: &str) -> std::process::ExitCode {
    let opts = BuildOptions::new(dir);
    let start = Instant::now();
    match bangvang::build(&opts) {
        Ok(r) => {
            println!(
                "{:.3} {} {} {:.0}",
                start.elapsed().as_secs_f64(),
                r.entries,
                r.pages,
                peak_mib()
            );
            let stages: Vec<String> = r
                .stages
                .iter()
                .map(|(s, d)| format!("{s} {:.2}s", d.as_secs_f64()))
                .collect();
            eprintln!("stages: {}", stages.join(", "));
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("build failed: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Waits until the file system has forgotten recent deletions, unless `BANGVANG_BENCH_SETTLE=0`.
///
/// Journal-less ext4 (this machine's disk) will not reuse an inode freed in the last minute (five
/// when its table is not yet written back); after a large deletion — `cargo test`'s temporary
/// sites, a previous run of this benchmark — it scans past every such inode for each file it
/// creates, and a 10 000-entry build takes two to three times as long. Writing everything back
/// and waiting makes the figures independent of what ran before; here `sync` and one minute
/// was not always enough after deleting a 10 000-entry site, two and a half minutes was.
fn settle() {
    let secs: u64 = std::env::var("BANGVANG_BENCH_SETTLE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    if secs == 0 {
        return;
    }
    eprintln!("sync, then {secs} s for the file system to settle (BANGVANG_BENCH_SETTLE=0 skips)");
    let _ = Command::new("sync").status();
    std::thread::sleep(std::time::Duration::from_secs(secs));
}

/// Builds the site in `dir` in a fresh process and prints its table row.
fn run_child(exe: &Path, dir: &Path, n: usize) {
    match Command::new(exe).env("BANGVANG_BENCH_SITE", dir).output() {
        Ok(o) if o.status.success() => {
            eprint!("{n}: {}", String::from_utf8_lossy(&o.stderr));
            let text = String::from_utf8_lossy(&o.stdout);
            let f: Vec<&str> = text.split_whitespace().collect();
            if let [secs, entries, pages, mib] = f.as_slice() {
                println!("| {entries} | {pages} | {secs} | {mib} |");
            }
        }
        Ok(o) => eprintln!("{n}: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => eprintln!("{n}: {e}"),
    }
}

fn main() -> std::process::ExitCode {
    if let Ok(dir) = std::env::var("BANGVANG_BENCH_SITE") {
        return child(&dir);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir, n, ..] = args.as_slice()
        && flag == "--generate"
    {
        let n = n.parse().unwrap_or(1000);
        return match generate(Path::new(dir), n) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cannot generate: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.replace(['_', '.'], "").parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    let Ok(exe) = std::env::current_exe() else {
        return std::process::ExitCode::FAILURE;
    };
    settle();
    println!("| entries | pages written | build time (s) | peak memory (MiB) |");
    println!("|--------:|--------------:|---------------:|------------------:|");
    // Sites stay on disk until every size has run: deleting many files just before a build slows
    // file creation on some file systems (journal-less ext4 skips recently freed inodes).
    let base = std::env::var_os("BANGVANG_BENCH_DIR").map_or_else(std::env::temp_dir, Into::into);
    let mut sites = Vec::new();
    for n in sizes {
        let Ok(tmp) = tempfile::tempdir_in(&base) else {
            return std::process::ExitCode::FAILURE;
        };
        if let Err(e) = generate(tmp.path(), n) {
            eprintln!("cannot generate: {e}");
            return std::process::ExitCode::FAILURE;
        }
        // Flush the generator's own writes, so the build is not measured with their writeback.
        let _ = Command::new("sync").status();
        run_child(&exe, tmp.path(), n);
        sites.push(tmp);
    }
    drop(sites);
    std::process::ExitCode::SUCCESS
}
