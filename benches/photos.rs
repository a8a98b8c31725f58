//! Photo benchmark: generates N camera-like 12 MP JPEGs (4000×3000, noisy, ~4 MB, every third
//! one rotated by EXIF, all with GPS), puts them in a site of N/3 entries (a cover and two more
//! photos each) and measures, in process:
//!
//! - a cold build (empty cache) on 1 thread and on 2 threads: wall time, CPU time, per photo;
//! - a warm rebuild (nothing changed): wall time and the number of photos decoded;
//! - the same site with the photo keys removed, for comparison: both alternated, first in this
//!   process (one thread pool kept across builds, as a long-running program would keep it),
//!   then each build a new `bangvang build` process;
//! - the bytes of each variant against the source.
//!
//! `cargo bench --bench photos` uses N = 60; `cargo bench --bench photos -- 120` sets N. The
//! photos are kept under `$BANGVANG_BENCH_DIR` for later runs. That folder is by default
//! `/dev/shm` (memory) where it exists, else the temporary folder: on this project's VM, creating
//! files on the disk right after others were deleted stalls for milliseconds to seconds (see the
//! README), which decides a 20 ms build more than the photos do. `BANGVANG_BENCH_DIR=/tmp`
//! measures on the disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

#[path = "../tests/support/photos.rs"]
mod make;

/// The same allocator as the `bangvang` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Warm and photo-less builds measured (alternately), for their medians.
const RUNS: usize = 61;

const PROVINCES: &[&str] = &[
    "Lạng Sơn",
    "Hà Nội",
    "Vĩnh Long",
    "Đồng Tháp",
    "Hòa Bình",
    "Huế",
];

fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// Memory (`/dev/shm`) where it exists, else the temporary folder.
fn default_dir() -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    }
}

fn generate_photos(dir: &Path, n: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("mkdir");
    let paths: Vec<PathBuf> = (0..n)
        .map(|i| dir.join(format!("photo-{i:03}.jpg")))
        .collect();
    let missing: Vec<(usize, &PathBuf)> = paths
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.exists())
        .collect();
    if !missing.is_empty() {
        eprintln!("generating {} photos of 4000×3000 …", missing.len());
        missing.par_iter().for_each(|(i, p)| {
            let orientation = if i % 3 == 2 { 6 } else { 1 };
            let bytes = make::jpeg(4000, 3000, *i as u64 + 1, Some(orientation), true);
            std::fs::write(p, bytes).expect("write photo");
        });
    }
    paths
}

/// Writes a site of `photos.len() / 3` entries; with `with_photos`, each references three.
fn write_site(root: &Path, photos: &[PathBuf], with_photos: bool) {
    let _ = std::fs::remove_dir_all(root);
    let models = root.join("content/mo-hinh");
    std::fs::create_dir_all(&models).expect("mkdir");
    std::fs::write(
        root.join("site.toml"),
        "title = \"Ảnh\"\nbase_url = \"https://example.org/\"\n",
    )
    .expect("site.toml");
    for (i, three) in photos.chunks(3).enumerate() {
        let dir = models.join(format!("mo-hinh-{i:03}"));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let mut fm = format!(
            "+++\ntitle = \"Mô hình số {i}\"\nprovince = \"{}\"\nperiod = \"{}\"\nfields = [\"Kinh tế\"]\n",
            PROVINCES[i % PROVINCES.len()],
            if i % 2 == 0 { "2017-2020" } else { "2021-2023" },
        );
        if with_photos {
            fm.push_str("cover = \"anh-0.jpg\"\n");
            for (k, src) in three.iter().enumerate() {
                let name = format!("anh-{k}.jpg");
                std::fs::hard_link(src, dir.join(&name))
                    .or_else(|_| std::fs::copy(src, dir.join(&name)).map(|_| ()))
                    .expect("photo");
                fm.push_str(&format!(
                    "\n[[photos]]\nfile = \"{name}\"\ncaption = \"Ảnh {k} của mô hình {i}\"\n"
                ));
            }
        }
        fm.push_str("+++\nMột mô hình để đo tốc độ xử lý ảnh.\n");
        std::fs::write(dir.join("index.md"), fm).expect("index.md");
    }
}

struct Run {
    wall: Duration,
    cpu: Duration,
    decoded: usize,
    stages: Vec<(&'static str, Duration)>,
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool")
}

/// One build in `pool`.
fn build(root: &Path, pool: &rayon::ThreadPool) -> Run {
    let opts = bangvang::BuildOptions::new(root);
    let (cpu0, t0) = (cpu_time(), Instant::now());
    let report = pool.install(|| bangvang::build(&opts)).expect("build");
    Run {
        wall: t0.elapsed(),
        cpu: cpu_time() - cpu0,
        decoded: report.media.decoded,
        stages: report.stages,
    }
}

/// A build with an empty cache and no previous output, in a new pool of `threads`.
fn cold(root: &Path, threads: usize) -> Run {
    let _ = std::fs::remove_dir_all(root.join(".bangvang-cache"));
    let _ = std::fs::remove_dir_all(root.join("public"));
    build(root, &pool(threads))
}

/// `RUNS` warm builds of `with` alternated with builds of `without` (so a busy moment of the
/// machine weighs on both alike), all in `pool`.
fn alternated(with: &Path, without: &Path, pool: &rayon::ThreadPool) -> (Vec<Run>, Vec<Run>) {
    let (mut warm, mut bare) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        warm.push(build(with, pool));
        bare.push(build(without, pool));
    }
    (warm, bare)
}

/// The same, each build a new `bangvang build` process: wall times only.
fn alternated_processes(with: &Path, without: &Path) -> (Vec<Duration>, Vec<Duration>) {
    let run = |site: &Path| {
        let t0 = Instant::now();
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_bangvang"))
            .arg("build")
            .arg("-C")
            .arg(site)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("bangvang build");
        assert!(status.success(), "bangvang build -C {}", site.display());
        t0.elapsed()
    };
    (0..RUNS).map(|_| (run(with), run(without))).unzip()
}

/// Each stage's median over `runs`, and the median of what the stages leave out.
fn stage_medians(runs: &[Run]) -> String {
    let Some(first) = runs.first() else {
        return String::new();
    };
    let of = |i: usize| median(runs.iter().map(|r| r.stages[i].1).collect());
    let outside = median(
        runs.iter()
            .map(|r| {
                let top: Duration = r
                    .stages
                    .iter()
                    .filter(|s| !s.0.starts_with('·'))
                    .map(|s| s.1)
                    .sum();
                r.wall.saturating_sub(top)
            })
            .collect(),
    );
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1e3);
    let mut parts: Vec<String> = (0..first.stages.len())
        .map(|i| format!("{} {}", first.stages[i].0, ms(of(i))))
        .collect();
    parts.push(format!("outside the stages {}", ms(outside)));
    parts.join(", ")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(60)
        .max(3)
        / 3
        * 3;
    let base = std::env::var_os("BANGVANG_BENCH_DIR").map_or_else(default_dir, PathBuf::from);
    let work = base.join("bangvang-photo-bench");
    let photos = generate_photos(&work.join("photos"), n);
    let source_bytes: u64 = photos
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    let with = work.join("site-with-photos");
    let without = work.join("site-without-photos");
    write_site(&with, &photos, true);
    write_site(&without, &photos, false);

    let one = cold(&with, 1);
    let two = cold(&with, 2);
    // In this process, with one pool kept across builds (as a long-running program would);
    // then each build a new `bangvang build` process.
    let kept = pool(2);
    let (warm, bare) = alternated(&with, &without, &kept);
    let (warm_cli, bare_cli) = alternated_processes(&with, &without);
    let warm_decoded: usize = warm.iter().map(|r| r.decoded).sum();
    let wall = |runs: &[Run]| median(runs.iter().map(|r| r.wall).collect());
    let change = |a: Duration, b: Duration| (a.as_secs_f64() / b.as_secs_f64() - 1.0) * 100.0;
    let per = |d: Duration| d / n as u32;
    if std::env::var_os("BANGVANG_BENCH_STAGES").is_some() {
        for (name, runs) in [("warm", &warm), ("without photos", &bare)] {
            eprintln!("{name} (medians, ms): {}", stage_medians(runs));
        }
    }
    println!(
        "\n{n} photos of 4000×3000 ({:.1} MB on average), {} entries, in {}\n",
        source_bytes as f64 / n as f64 / 1e6,
        n / 3,
        work.display()
    );
    let rows = [
        (
            "cold build, 1 thread: wall",
            format!("{} ({} per photo)", ms(one.wall), ms(per(one.wall))),
        ),
        (
            "cold build, 1 thread: CPU per photo (six variants)",
            ms(per(one.cpu)),
        ),
        (
            "cold build, 2 threads: wall",
            format!("{} ({} per photo)", ms(two.wall), ms(per(two.wall))),
        ),
        ("cold build, 2 threads: CPU per photo", ms(per(two.cpu))),
        (
            "speed-up 1 → 2 threads",
            format!("{:.2}×", one.wall.as_secs_f64() / two.wall.as_secs_f64()),
        ),
        (
            &format!("photos decoded: cold / warm ({RUNS} warm runs)"),
            format!("{} / {warm_decoded}", two.decoded),
        ),
        (&format!("warm rebuild (median of {RUNS})"), ms(wall(&warm))),
        (
            &format!("same site without photos (median of {RUNS})"),
            ms(wall(&bare)),
        ),
        (
            "**warm rebuild vs without photos**",
            format!("{:+.1} %", change(wall(&warm), wall(&bare))),
        ),
        (
            &format!("the same as new `bangvang build` processes (medians of {RUNS})"),
            format!(
                "{:+.1} % ({} vs {})",
                change(median(warm_cli.clone()), median(bare_cli.clone())),
                ms(median(warm_cli)),
                ms(median(bare_cli))
            ),
        ),
    ];
    println!("| measure | value |\n|---|---:|");
    for (label, value) in rows {
        println!("| {label} | {value} |");
    }

    let mut sizes: BTreeMap<(u32, String), (u64, u64)> = BTreeMap::new();
    for e in walkdir::WalkDir::new(with.join("public/anh"))
        .into_iter()
        .flatten()
    {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some((stem, ext)) = name.rsplit_once('.') else {
            continue;
        };
        let Some(width) = stem.rsplit('-').next().and_then(|w| w.parse().ok()) else {
            continue;
        };
        let slot = sizes.entry((width, ext.to_string())).or_default();
        slot.0 += e.metadata().map_or(0, |m| m.len());
        slot.1 += 1;
    }
    let avg_source = source_bytes as f64 / n as f64;
    println!("\n| variant | files | average size | of the source |\n|---|---:|---:|---:|");
    println!(
        "| source JPEG 4000×3000 (q90) | {n} | {:.0} KB | 100 % |",
        avg_source / 1e3
    );
    for ((width, ext), (bytes, count)) in sizes.iter().rev() {
        let avg = *bytes as f64 / *count as f64;
        println!(
            "| {width} px {ext} | {count} | {:.0} KB | {:.1} % |",
            avg / 1e3,
            avg / avg_source * 100.0
        );
    }
}
