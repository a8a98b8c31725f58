//! Photos made for tests and benchmarks: noisy camera-like JPEGs with EXIF orientation and GPS
//! (as phones write them), and PNG, WebP, CMYK and 16-bit variants. Shared by the integration
//! tests and the photo benchmark (`#[path]`-included).

#![allow(dead_code, unreachable_pub)]

/// A small fast generator, so photos differ by seed and are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// RGB pixels that compress like a photo: smooth light, shapes with edges, fine texture and
/// sensor noise (a flat picture would make every encoder look fast).
pub fn noisy_rgb(w: u32, h: u32, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut shapes = Vec::new();
    for _ in 0..12 {
        let cx = (rng.next() % u64::from(w)) as f32;
        let cy = (rng.next() % u64::from(h)) as f32;
        let r = (rng.next() % u64::from(w / 4 + 1)) as f32 + 20.0;
        let c = [rng.next() as u8, rng.next() as u8, rng.next() as u8];
        shapes.push((cx, cy, r, c));
    }
    let tilt = (seed % 7) as f32 * 0.3;
    let mut v = vec![0u8; (w as usize) * (h as usize) * 3];
    for y in 0..h {
        for x in 0..w {
            let fx = x as f32 / w as f32;
            let fy = y as f32 / h as f32;
            let mut px = [
                70.0 + 110.0 * fx + 25.0 * (fy * 9.0 + tilt).sin(),
                110.0 + 70.0 * fy + 20.0 * (fx * 23.0).sin(),
                60.0 + 50.0 * (fy * 13.0 + fx * 5.0 + tilt).cos(),
            ];
            for &(cx, cy, r, c) in &shapes {
                let (dx, dy) = (x as f32 - cx, y as f32 - cy);
                if dx * dx + dy * dy < r * r {
                    for k in 0..3 {
                        px[k] = px[k] * 0.4 + f32::from(c[k]) * 0.6;
                    }
                }
            }
            let texture = ((x as f32 * 0.7).sin() * (y as f32 * 0.45).cos()) * 10.0;
            let i = ((y * w + x) * 3) as usize;
            for k in 0..3 {
                let noise = (rng.next() % 17) as f32 - 8.0;
                v[i + k] = (px[k] + texture + noise).clamp(0.0, 255.0) as u8;
            }
        }
    }
    v
}

/// An EXIF block (TIFF, little-endian, without the `Exif\0\0` header) with an orientation and,
/// if `gps`, a GPS position (21°N 105°50'E), as a phone writes it.
pub fn exif(orientation: u16, gps: bool) -> Vec<u8> {
    let mut b = Vec::new();
    let u16le = |b: &mut Vec<u8>, v: u16| b.extend_from_slice(&v.to_le_bytes());
    let u32le = |b: &mut Vec<u8>, v: u32| b.extend_from_slice(&v.to_le_bytes());
    b.extend_from_slice(b"II");
    u16le(&mut b, 42);
    u32le(&mut b, 8);
    // IFD0 at 8: Orientation, GPS pointer.
    let entries: u16 = if gps { 2 } else { 1 };
    u16le(&mut b, entries);
    u16le(&mut b, 0x0112);
    u16le(&mut b, 3);
    u32le(&mut b, 1);
    u16le(&mut b, orientation);
    u16le(&mut b, 0);
    let gps_ifd = 8 + 2 + 12 * u32::from(entries) + 4;
    if gps {
        u16le(&mut b, 0x8825);
        u16le(&mut b, 4);
        u32le(&mut b, 1);
        u32le(&mut b, gps_ifd);
    }
    u32le(&mut b, 0);
    if gps {
        let data = gps_ifd + 2 + 12 * 4 + 4;
        u16le(&mut b, 4);
        for (tag, kind, count, value) in [
            (1u16, 2u16, 2u32, u32::from_le_bytes(*b"N\0\0\0")),
            (2, 5, 3, data),
            (3, 2, 2, u32::from_le_bytes(*b"E\0\0\0")),
            (4, 5, 3, data + 24),
        ] {
            u16le(&mut b, tag);
            u16le(&mut b, kind);
            u32le(&mut b, count);
            u32le(&mut b, value);
        }
        u32le(&mut b, 0);
        for (num, den) in [(21, 1), (1, 1), (0, 1), (105, 1), (50, 1), (0, 1)] {
            u32le(&mut b, num);
            u32le(&mut b, den);
        }
    }
    b
}

/// A JPEG of `rgb`, with EXIF when `orientation` is given.
pub fn jpeg_of(
    rgb: &[u8],
    w: u32,
    h: u32,
    quality: u8,
    orientation: Option<u16>,
    gps: bool,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = jpeg_encoder::Encoder::new(&mut out, quality);
    if let Some(o) = orientation {
        e.add_exif_metadata(&exif(o, gps)).unwrap();
    }
    e.encode(rgb, w as u16, h as u16, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

/// A camera-like JPEG `w`×`h`.
pub fn jpeg(w: u32, h: u32, seed: u64, orientation: Option<u16>, gps: bool) -> Vec<u8> {
    jpeg_of(&noisy_rgb(w, h, seed), w, h, 90, orientation, gps)
}

/// A CMYK JPEG (as made for print) of a noisy picture.
pub fn cmyk_jpeg(w: u32, h: u32) -> Vec<u8> {
    let rgb = noisy_rgb(w, h, 5);
    let cmyk: Vec<u8> = rgb
        .chunks_exact(3)
        .flat_map(|p| {
            let k = 255 - p[0].max(p[1]).max(p[2]);
            let ink = |c: u8| {
                if k == 255 {
                    0
                } else {
                    ((255 - c - k) as u32 * 255 / (255 - k) as u32) as u8
                }
            };
            [ink(p[0]), ink(p[1]), ink(p[2]), k]
        })
        .collect();
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 90)
        .encode(&cmyk, w as u16, h as u16, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    out
}

/// A PNG with a transparent border (a logo).
pub fn transparent_png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, y| {
        let inside = x > w / 4 && x < 3 * w / 4 && y > h / 4 && y < 3 * h / 4;
        image::Rgba([200, 30, 30, if inside { 255 } else { 0 }])
    });
    encode_png(image::DynamicImage::ImageRgba8(img))
}

/// A 16-bit RGB PNG (as scanners and editors write).
pub fn png16(w: u32, h: u32) -> Vec<u8> {
    let img = image::ImageBuffer::<image::Rgb<u16>, _>::from_fn(w, h, |x, y| {
        image::Rgb([(x * 300) as u16, (y * 300) as u16, 40_000])
    });
    encode_png(image::DynamicImage::ImageRgb16(img))
}

fn encode_png(img: image::DynamicImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A lossy WebP input.
pub fn webp(w: u32, h: u32) -> Vec<u8> {
    let rgb = noisy_rgb(w, h, 9);
    webp::Encoder::from_rgb(&rgb, w, h).encode(85.0).to_vec()
}

/// A PNG header claiming `w`×`h` with almost no data behind it (a decompression bomb).
pub fn bomb_png(w: u32, h: u32) -> Vec<u8> {
    let mut png = encode_png(image::DynamicImage::ImageRgb8(image::RgbImage::new(1, 1)));
    // IHDR data starts at byte 16: width, height (big-endian), then its CRC at 29.
    png[16..20].copy_from_slice(&w.to_be_bytes());
    png[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
