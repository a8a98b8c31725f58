//! Lossy WebP encoding through libwebp. The pixels are imported straight into the YUV picture
//! the lossy encoder works on: importing them first as ARGB (what the `webp` crate does) costs a
//! second full-size buffer and a second conversion per variant.

use libwebp_sys as sys;

/// The pixel layout handed to [`encode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// 3 bytes a pixel.
    Rgb,
    /// 4 bytes a pixel; the alpha channel is kept.
    Rgba,
}

impl Layout {
    fn bytes(self) -> usize {
        match self {
            Layout::Rgb => 3,
            Layout::Rgba => 4,
        }
    }
}

/// A libwebp picture, freed on drop.
struct Picture(sys::WebPPicture);

impl Drop for Picture {
    fn drop(&mut self) {
        // SAFETY: the picture was initialised by `WebPPictureInit`; freeing an initialised
        // picture (with or without pixel buffers) is always allowed.
        unsafe { sys::WebPPictureFree(&mut self.0) }
    }
}

/// libwebp's in-memory output, freed on drop.
struct Writer(sys::WebPMemoryWriter);

impl Drop for Writer {
    fn drop(&mut self) {
        // SAFETY: the writer was initialised by `WebPMemoryWriterInit`.
        unsafe { sys::WebPMemoryWriterClear(&mut self.0) }
    }
}

/// Encodes `pixels` (`width` × `height`, rows packed, in `layout`) as lossy WebP at `quality`
/// (0–100) with effort `method` (0 fastest – 6 smallest).
pub(crate) fn encode(
    pixels: &[u8],
    (width, height): (u32, u32),
    layout: Layout,
    quality: u8,
    method: i32,
) -> Result<Vec<u8>, String> {
    let (w, h) = (i32::try_from(width), i32::try_from(height));
    let (Ok(w), Ok(h)) = (w, h) else {
        return Err("WebP: too large".into());
    };
    let stride = usize::try_from(w).unwrap_or(0) * layout.bytes();
    let rows = usize::try_from(h).unwrap_or(0);
    if w == 0 || h == 0 || pixels.len() != stride * rows {
        return Err("WebP: pixel buffer".into());
    }
    let stride = i32::try_from(stride).map_err(|_| "WebP: too large")?;
    let mut config = sys::WebPConfig::new().map_err(|()| "WebP: config")?;
    config.quality = f32::from(quality);
    config.method = method;
    // SAFETY: `config` was initialised by libwebp just above.
    if unsafe { sys::WebPValidateConfig(&config) } == 0 {
        return Err("WebP: config".into());
    }
    let mut picture = Picture(sys::WebPPicture::new().map_err(|()| "WebP: picture")?);
    picture.0.use_argb = 0;
    picture.0.width = w;
    picture.0.height = h;
    // SAFETY: `pixels` holds `h` rows of `stride` bytes (checked above) and outlives the call;
    // libwebp copies them into the picture's own buffers.
    let imported = unsafe {
        match layout {
            Layout::Rgb => sys::WebPPictureImportRGB(&mut picture.0, pixels.as_ptr(), stride),
            Layout::Rgba => sys::WebPPictureImportRGBA(&mut picture.0, pixels.as_ptr(), stride),
        }
    };
    if imported == 0 {
        return Err("WebP: out of memory".into());
    }
    let mut writer = Writer(sys::WebPMemoryWriter {
        mem: std::ptr::null_mut(),
        size: 0,
        max_size: 0,
        pad: [0],
    });
    // SAFETY: initialises the writer in place.
    unsafe { sys::WebPMemoryWriterInit(&mut writer.0) };
    picture.0.writer = Some(sys::WebPMemoryWrite);
    picture.0.custom_ptr = std::ptr::from_mut(&mut writer.0).cast();
    // SAFETY: the picture holds the imported pixels; its writer appends to `writer`, which lives
    // until after the call.
    let ok = unsafe { sys::WebPEncode(&config, &mut picture.0) };
    if ok == 0 {
        return Err(format!("WebP: error {:?}", picture.0.error_code));
    }
    if writer.0.mem.is_null() {
        return Err("WebP: no output".into());
    }
    // SAFETY: libwebp wrote `size` bytes at `mem`; they stay valid until the writer is cleared
    // (on drop, after the copy).
    let bytes = unsafe { std::slice::from_raw_parts(writer.0.mem, writer.0.size) };
    Ok(bytes.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rgb_and_rgba_encode_to_webp_of_the_same_size() {
        let (w, h) = (37u32, 21u32);
        let rgb: Vec<u8> = (0..w * h * 3).map(|i| (i * 7 % 251) as u8).collect();
        let rgba: Vec<u8> = rgb
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 128])
            .collect();
        for (pixels, layout) in [(&rgb, Layout::Rgb), (&rgba, Layout::Rgba)] {
            let out = encode(pixels, (w, h), layout, 80, 0).unwrap();
            assert!(out.starts_with(b"RIFF") && &out[8..12] == b"WEBP");
            let img = image::load_from_memory_with_format(&out, image::ImageFormat::WebP).unwrap();
            assert_eq!((img.width(), img.height()), (w, h));
            assert_eq!(img.color().has_alpha(), layout == Layout::Rgba);
        }
    }

    #[test]
    fn a_buffer_of_the_wrong_size_is_an_error_not_a_read_past_its_end() {
        assert!(encode(&[0; 10], (4, 4), Layout::Rgb, 80, 0).is_err());
        assert!(encode(&[], (0, 0), Layout::Rgba, 80, 0).is_err());
    }
}
