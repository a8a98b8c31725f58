//! Turns decoded pixels into the variants: resized (SIMD convolution, each width from the next
//! larger one), oriented, and encoded as WebP plus a JPEG fallback (PNG when the photo has
//! transparency). Encoders write pixels only, so no metadata (EXIF, GPS) reaches the output.

use fast_image_resize as fr;
use image::{DynamicImage, RgbImage, RgbaImage};
use rayon::prelude::*;

use super::Format;
use super::decode::{Decoded, Pixels};
use super::webp::Layout;

/// libwebp's effort (0 fastest – 6 smallest); 0 keeps a 12 MP photo's six variants within
/// the CPU budget (the benchmark prints the bytes of each variant).
const WEBP_METHOD: i32 = 0;

/// One encoded variant.
#[derive(Debug)]
pub(crate) struct Encoded {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub data: Vec<u8>,
}

/// The displayed sizes of the variants for a photo `display` wide and high: each configured
/// width, never more than the photo's own, without repeats; largest first.
pub(crate) fn targets(display: (u32, u32), widths: &[u32]) -> Vec<(u32, u32)> {
    let (dw, dh) = display;
    let mut out: Vec<(u32, u32)> = widths
        .iter()
        .map(|&w| {
            let w = w.min(dw).max(1);
            let h = (u64::from(w) * u64::from(dh)).div_ceil(u64::from(dw).max(1));
            (w, u32::try_from(h).unwrap_or(u32::MAX).max(1))
        })
        .collect();
    out.sort_unstable_by(|a, b| b.cmp(a));
    out.dedup_by_key(|t| t.0);
    out
}

/// Resizes `d` to every target and encodes each in both formats.
pub(crate) fn variants(d: Decoded, widths: &[u32], quality: u8) -> Result<Vec<Encoded>, String> {
    let targets = targets(d.display, widths);
    let fallback = Format::fallback(matches!(d.pixels, Pixels::Rgba(_)));
    let resized = resize_all(d, &targets)?;
    let jobs: Vec<(&DynamicImage, Format)> = resized
        .iter()
        .flat_map(|img| [(img, Format::Webp), (img, fallback)])
        .collect();
    jobs.into_par_iter()
        .map(|(img, format)| encode(img, format, quality))
        .collect()
}

/// Resizes in stored orientation, each size from the next larger one, then orients each
/// (small) result.
fn resize_all(d: Decoded, targets: &[(u32, u32)]) -> Result<Vec<DynamicImage>, String> {
    let transposed = d.transposed();
    let orientation = image::metadata::Orientation::from_exif(d.orientation);
    let (w, h) = d.pixels.dimensions();
    let (kind, bytes) = match d.pixels {
        Pixels::Rgb(i) => (fr::PixelType::U8x3, i.into_raw()),
        Pixels::Rgba(i) => (fr::PixelType::U8x4, i.into_raw()),
    };
    let mut resizer = fr::Resizer::new();
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::CatmullRom));
    let mut sized: Vec<fr::images::Image<'static>> = Vec::with_capacity(targets.len());
    let mut source =
        Some(fr::images::Image::from_vec_u8(w, h, bytes, kind).map_err(|e| e.to_string())?);
    for &(tw, th) in targets {
        let (sw, sh) = if transposed { (th, tw) } else { (tw, th) };
        let prev = source.as_ref().or(sized.last()).ok_or("resize")?;
        let resized = if (sw, sh) == (prev.width(), prev.height()) {
            None
        } else {
            let mut dst = fr::images::Image::new(sw, sh, kind);
            resizer
                .resize(prev, &mut dst, &options)
                .map_err(|e| e.to_string())?;
            Some(dst)
        };
        let next = match (resized, source.take()) {
            (Some(dst), _) => dst,
            (None, Some(src)) => src,
            (None, None) => sized.last().map(fr::images::Image::copy).ok_or("resize")?,
        };
        // The full-size decode is dropped once the largest variant exists.
        sized.push(next);
    }
    sized
        .into_iter()
        .map(|img| {
            let (w, h) = (img.width(), img.height());
            let raw = img.into_vec();
            let mut out = match kind {
                fr::PixelType::U8x4 => RgbaImage::from_raw(w, h, raw).map(DynamicImage::ImageRgba8),
                _ => RgbImage::from_raw(w, h, raw).map(DynamicImage::ImageRgb8),
            }
            .ok_or("buffer")?;
            if let Some(o) = orientation {
                out.apply_orientation(o);
            }
            Ok(out)
        })
        .collect()
}

fn encode(img: &DynamicImage, format: Format, quality: u8) -> Result<Encoded, String> {
    let (width, height) = (img.width(), img.height());
    let data = match format {
        Format::Webp => webp(img, quality)?,
        Format::Jpeg => jpeg(img, quality)?,
        Format::Png => png(img)?,
    };
    Ok(Encoded {
        width,
        height,
        format,
        data,
    })
}

fn webp(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, String> {
    let size = (img.width(), img.height());
    match img {
        DynamicImage::ImageRgba8(i) => {
            super::webp::encode(i.as_raw(), size, Layout::Rgba, quality, WEBP_METHOD)
        }
        DynamicImage::ImageRgb8(i) => {
            super::webp::encode(i.as_raw(), size, Layout::Rgb, quality, WEBP_METHOD)
        }
        _ => Err("pixel layout".into()),
    }
}

fn jpeg(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, String> {
    let converted;
    let rgb = match img.as_rgb8() {
        Some(rgb) => rgb,
        None => {
            converted = img.to_rgb8();
            &converted
        }
    };
    let (w, h) = rgb.dimensions();
    let (w16, h16) = (u16::try_from(w), u16::try_from(h));
    let (Ok(w16), Ok(h16)) = (w16, h16) else {
        return Err("JPEG: too large".into());
    };
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_optimized_huffman_tables(true);
    encoder
        .encode(rgb.as_raw(), w16, h16, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

fn png(img: &DynamicImage) -> Result<Vec<u8>, String> {
    use image::ImageEncoder;
    let rgba = img.to_rgba8();
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Adaptive,
    )
    .write_image(
        rgba.as_raw(),
        rgba.width(),
        rgba.height(),
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_never_upscale_and_drop_repeats() {
        assert_eq!(
            targets((4000, 3000), &[400, 800, 1600]),
            vec![(1600, 1200), (800, 600), (400, 300)]
        );
        assert_eq!(
            targets((600, 900), &[400, 800, 1600]),
            vec![(600, 900), (400, 600)]
        );
        assert_eq!(targets((3, 1), &[400]), vec![(3, 1)]);
    }

    fn decoded(w: u32, h: u32, orientation: u8) -> Decoded {
        let img = RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let display = if (5..=8).contains(&orientation) {
            (h, w)
        } else {
            (w, h)
        };
        Decoded {
            pixels: Pixels::Rgb(img),
            orientation,
            display,
        }
    }

    #[test]
    fn rotated_photos_come_out_upright_at_the_displayed_width() {
        let v = variants(decoded(1200, 900, 6), &[400, 800], 80).unwrap();
        let sizes: Vec<(u32, u32, Format)> =
            v.iter().map(|e| (e.width, e.height, e.format)).collect();
        assert_eq!(
            sizes,
            vec![
                (800, 1067, Format::Webp),
                (800, 1067, Format::Jpeg),
                (400, 534, Format::Webp),
                (400, 534, Format::Jpeg)
            ]
        );
        assert!(v[0].data.starts_with(b"RIFF"));
        assert!(v[1].data.starts_with(&[0xFF, 0xD8]));
    }
}
