//! Reads a photo's bytes into pixels: recognises the format, refuses oversized images before
//! allocating, reads the EXIF orientation, and decodes JPEGs at the smallest DCT scale that
//! still covers the largest variant.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, RgbImage, RgbaImage};

/// Why a photo could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// An iPhone photo (HEIC/HEIF).
    Heic,
    /// A format we recognise but do not read.
    Unsupported(&'static str),
    /// More pixels than allowed (`limit` in millions).
    TooLarge { width: u32, height: u32, limit: u64 },
    /// The file ends early.
    Truncated,
    /// The file is empty.
    Empty,
    /// Not an image at all (text, a document…).
    NotImage,
    /// Not an image, or damaged.
    Corrupt(String),
}

/// Decoded pixels, as stored (before orientation).
#[derive(Debug)]
pub(crate) enum Pixels {
    /// Opaque.
    Rgb(RgbImage),
    /// With transparency (some pixel is not fully opaque).
    Rgba(RgbaImage),
}

impl Pixels {
    pub(crate) fn dimensions(&self) -> (u32, u32) {
        match self {
            Pixels::Rgb(i) => i.dimensions(),
            Pixels::Rgba(i) => i.dimensions(),
        }
    }
}

/// A decoded photo.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The pixels, possibly DCT-scaled.
    pub pixels: Pixels,
    /// EXIF orientation, 1–8 (1 when absent).
    pub orientation: u8,
    /// Width and height of the full-size photo as displayed (orientation applied).
    pub display: (u32, u32),
}

impl Decoded {
    /// True when the orientation swaps width and height.
    pub(crate) fn transposed(&self) -> bool {
        transposes(self.orientation)
    }
}

fn transposes(orientation: u8) -> bool {
    (5..=8).contains(&orientation)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Jpeg,
    Png,
    Webp,
}

/// Recognises the format from the first bytes (never from the file name).
fn sniff(b: &[u8]) -> Result<Kind, Problem> {
    let brand = b.get(4..8).filter(|t| t == b"ftyp").and(b.get(8..12));
    match b {
        [0xFF, 0xD8, 0xFF, ..] => Ok(Kind::Jpeg),
        [0x89, b'P', b'N', b'G', ..] => Ok(Kind::Png),
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Ok(Kind::Webp),
        [b'G', b'I', b'F', b'8', ..] => Err(Problem::Unsupported("GIF")),
        [b'B', b'M', ..] => Err(Problem::Unsupported("BMP")),
        [b'I', b'I', 42, 0, ..] | [b'M', b'M', 0, 42, ..] => Err(Problem::Unsupported("TIFF/RAW")),
        [b'%', b'P', b'D', b'F', ..] => Err(Problem::Unsupported("PDF")),
        _ => match brand {
            Some(b"avif" | b"avis") => Err(Problem::Unsupported("AVIF")),
            Some(_) => Err(Problem::Heic),
            None if b.is_empty() => Err(Problem::Empty),
            None => Err(Problem::NotImage),
        },
    }
}

/// The EXIF orientation (1–8), or 1 when the photo has none or it is unreadable.
fn orientation(bytes: &[u8]) -> u8 {
    let Ok(exif) = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) else {
        return 1;
    };
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|v| u8::try_from(v).ok())
        .filter(|v| (1..=8).contains(v))
        .unwrap_or(1)
}

/// Decodes `bytes`. `widest` is the widest variant wanted: a JPEG is decoded at the smallest
/// DCT scale (1/8, 1/4, 1/2, 1) that still gives at least that width.
pub(crate) fn decode(bytes: &[u8], widest: u32, max_pixels: u64) -> Result<Decoded, Problem> {
    let kind = sniff(bytes)?;
    let orientation = orientation(bytes);
    // Third-party decoders see hostile input: a panic in one is a damaged file, not a crash.
    let run = || match kind {
        Kind::Jpeg => jpeg(bytes, orientation, widest, max_pixels),
        Kind::Png => other(bytes, ImageFormat::Png, max_pixels),
        Kind::Webp => other(bytes, ImageFormat::WebP, max_pixels),
    };
    let (pixels, full) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
        .unwrap_or_else(|_| Err(Problem::Corrupt("decoder".into())))?;
    let display = if transposes(orientation) {
        (full.1, full.0)
    } else {
        full
    };
    Ok(Decoded {
        pixels,
        orientation,
        display,
    })
}

fn check_size(width: u32, height: u32, max_pixels: u64) -> Result<(), Problem> {
    if width == 0 || height == 0 {
        return Err(Problem::Corrupt("0×0".into()));
    }
    if u64::from(width) * u64::from(height) > max_pixels {
        let limit = max_pixels / 1_000_000;
        return Err(Problem::TooLarge {
            width,
            height,
            limit,
        });
    }
    Ok(())
}

type Read = Result<(Pixels, (u32, u32)), Problem>;

fn jpeg(bytes: &[u8], orientation: u8, widest: u32, max_pixels: u64) -> Read {
    let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    d.read_info().map_err(jpeg_problem)?;
    let info = d.info().ok_or(Problem::Truncated)?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    check_size(w, h, max_pixels)?;
    // The stored axis that becomes the displayed width.
    let across = if transposes(orientation) { h } else { w };
    if widest < across {
        let scale = |v: u32| (u64::from(v) * u64::from(widest)).div_ceil(u64::from(across));
        let req = |v: u32| u16::try_from(scale(v).max(1)).unwrap_or(u16::MAX);
        d.scale(req(w), req(h)).map_err(jpeg_problem)?;
    }
    d.set_max_decoding_buffer_size(usize::try_from(max_pixels * 4).unwrap_or(usize::MAX));
    let data = d.decode().map_err(jpeg_problem)?;
    let info = d.info().ok_or(Problem::Truncated)?;
    let (ow, oh) = (u32::from(info.width), u32::from(info.height));
    let n = (ow as usize) * (oh as usize);
    let rgb: Vec<u8> = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => data,
        jpeg_decoder::PixelFormat::L8 => data.iter().flat_map(|&l| [l, l, l]).collect(),
        // Big-endian 16-bit grey: keep the high byte.
        jpeg_decoder::PixelFormat::L16 => data
            .chunks_exact(2)
            .flat_map(|c| [c[0], c[0], c[0]])
            .collect(),
        // Ink amounts (0 = none): a plain conversion, good for the photos offices meet.
        jpeg_decoder::PixelFormat::CMYK32 => data
            .chunks_exact(4)
            .flat_map(|p| {
                let k = 255 - u16::from(p[3]);
                let ch = |c: u8| ((255 - u16::from(c)) * k / 255) as u8;
                [ch(p[0]), ch(p[1]), ch(p[2])]
            })
            .collect(),
    };
    if rgb.len() != n * 3 {
        return Err(Problem::Truncated);
    }
    let img = RgbImage::from_raw(ow, oh, rgb).ok_or(Problem::Truncated)?;
    Ok((Pixels::Rgb(img), (w, h)))
}

fn jpeg_problem(e: jpeg_decoder::Error) -> Problem {
    match e {
        jpeg_decoder::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Problem::Truncated
        }
        jpeg_decoder::Error::Unsupported(u) => Problem::Corrupt(format!("JPEG: {u:?}")),
        other => Problem::Corrupt(other.to_string()),
    }
}

fn other(bytes: &[u8], format: ImageFormat, max_pixels: u64) -> Read {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(max_pixels.saturating_mul(8));
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(image_problem)?;
    let (w, h) = decoder.dimensions();
    check_size(w, h, max_pixels)?;
    let img = DynamicImage::from_decoder(decoder).map_err(image_problem)?;
    let pixels = if img.color().has_alpha() {
        let rgba = img.into_rgba8();
        if rgba.pixels().all(|p| p.0[3] == 255) {
            Pixels::Rgb(DynamicImage::ImageRgba8(rgba).into_rgb8())
        } else {
            Pixels::Rgba(rgba)
        }
    } else {
        Pixels::Rgb(img.into_rgb8())
    };
    Ok((pixels, (w, h)))
}

fn image_problem(e: image::ImageError) -> Problem {
    match e {
        image::ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Problem::Truncated
        }
        other => {
            let text = other.to_string();
            if text.to_lowercase().contains("eof") || text.contains("end of") {
                Problem::Truncated
            } else {
                Problem::Corrupt(text)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_by_content() {
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(sniff(heic), Err(Problem::Heic));
        let avif = b"\0\0\0\x1cftypavif\0\0\0\0";
        assert_eq!(sniff(avif), Err(Problem::Unsupported("AVIF")));
        assert_eq!(sniff(b"GIF89a...."), Err(Problem::Unsupported("GIF")));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok(Kind::Jpeg));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Ok(Kind::Webp));
        assert_eq!(sniff(b""), Err(Problem::Empty));
        assert_eq!(sniff(b"hello world"), Err(Problem::NotImage));
    }

    #[test]
    fn oversized_images_are_refused_before_decoding() {
        assert_eq!(
            check_size(100_000, 100_000, 120_000_000),
            Err(Problem::TooLarge {
                width: 100_000,
                height: 100_000,
                limit: 120
            })
        );
        assert!(check_size(4000, 3000, 120_000_000).is_ok());
    }
}
