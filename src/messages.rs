//! The message table: every sentence the program says to a user, looked up by a typed key.
//!
//! Texts live in `data/messages/<lang>.toml` (Vietnamese today), so another language is one
//! more file. Placeholders are written `{name}` and filled by [`tr`].

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::LazyLock;

macro_rules! messages {
    ($($variant:ident = $key:literal),* $(,)?) => {
        /// A message key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $(#[doc = $key] $variant),*
        }

        impl Msg {
            /// Every key, for the completeness test.
            pub const ALL: &'static [Msg] = &[$(Msg::$variant),*];

            /// The key as written in the message files.
            pub fn key(self) -> &'static str {
                match self {
                    $(Msg::$variant => $key),*
                }
            }
        }
    };
}

messages! {
    LabelError = "label_error",
    LabelWarning = "label_warning",
    LabelExpected = "label_expected",
    LabelSuggestion = "label_suggestion",
    DidYouMean = "did_you_mean",
    TomlSyntax = "toml_syntax",
    TomlSyntaxExpected = "toml_syntax_expected",
    SyntaxDuplicateKey = "syntax_duplicate_key",
    SyntaxUnclosedString = "syntax_unclosed_string",
    UnknownKey = "unknown_key",
    UnknownKeyExpected = "unknown_key_expected",
    WrongType = "wrong_type",
    MissingKey = "missing_key",
    MissingKeyHint = "missing_key_hint",
    ExpectText = "expect_text",
    ExpectTextList = "expect_text_list",
    ExpectBool = "expect_bool",
    ExpectInteger = "expect_integer",
    ExpectDate = "expect_date",
    ExpectTable = "expect_table",
    ExpectTableList = "expect_table_list",
    DateAsText = "date_as_text",
    ImpossibleDate = "impossible_date",
    EmptyFile = "empty_file",
    NoFrontMatter = "no_front_matter",
    NoFrontMatterHint = "no_front_matter_hint",
    UnclosedFrontMatter = "unclosed_front_matter",
    UnclosedFrontMatterHint = "unclosed_front_matter_hint",
    NotUtf8 = "not_utf8",
    ReadFailed = "read_failed",
    EmptyValue = "empty_value",
    UnknownProvince = "unknown_province",
    UnknownProvinceExpected = "unknown_province_expected",
    AmbiguousProvince = "ambiguous_province",
    ProvinceWithoutDiacritics = "province_without_diacritics",
    UnknownField = "unknown_field",
    UnknownPeriod = "unknown_period",
    ExpectOneOf = "expect_one_of",
    UnknownStatus = "unknown_status",
    NoFields = "no_fields",
    PhotoMissing = "photo_missing",
    PhotoEscapes = "photo_escapes",
    PhotoIsFolder = "photo_is_folder",
    PhotoEscapesHint = "photo_escapes_hint",
    PhotoAbsolute = "photo_absolute",
    PhotoNoCaption = "photo_no_caption",
    PhotoNoCaptionHint = "photo_no_caption_hint",
    ImageUnreadable = "image_unreadable",
    ImageUnreadableHint = "image_unreadable_hint",
    ImageTruncated = "image_truncated",
    ImageEmpty = "image_empty",
    ImageNotImage = "image_not_image",
    ImageHeic = "image_heic",
    ImageHeicHint = "image_heic_hint",
    ImageUnsupported = "image_unsupported",
    ImageUnsupportedHint = "image_unsupported_hint",
    ImageTooLarge = "image_too_large",
    ImageTooLargeHint = "image_too_large_hint",
    ImageCacheFailed = "image_cache_failed",
    ImageProgress = "image_progress",
    DuplicateSlug = "duplicate_slug",
    DuplicateSlugHint = "duplicate_slug_hint",
    EmptySlug = "empty_slug",
    KeyForOtherKind = "key_for_other_kind",
    ConfigNotFound = "config_not_found",
    ConfigNotFoundHint = "config_not_found_hint",
    ConfigBadBaseUrl = "config_bad_base_url",
    ConfigNoBaseUrl = "config_no_base_url",
    ConfigBadPerPage = "config_bad_per_page",
    ConfigDuplicate = "config_duplicate",
    ConfigBadPath = "config_bad_path",
    ConfigUnknownTheme = "config_unknown_theme",
    ConfigNoPeriods = "config_no_periods",
    TemplateError = "template_error",
    OutputFailed = "output_failed",
    StrayFile = "stray_file",
    ReportUnknownPeriod = "report_unknown_period",
    CliAbout = "cli_about",
    CliHeadingOptions = "cli_heading_options",
    CliHeadingCommands = "cli_heading_commands",
    CliCommandName = "cli_command_name",
    CliUsageHeading = "cli_usage_heading",
    CliOptionsName = "cli_options_name",
    CliDirName = "cli_dir_name",
    CliHelpFlag = "cli_help_flag",
    CliVersionFlag = "cli_version_flag",
    CliRoot = "cli_root",
    CliInit = "cli_init",
    CliInitDir = "cli_init_dir",
    CliCheck = "cli_check",
    CliBuild = "cli_build",
    CliOffline = "cli_offline",
    CliDrafts = "cli_drafts",
    CliOutput = "cli_output",
    CliUnknownCommand = "cli_unknown_command",
    CliUnknownArg = "cli_unknown_arg",
    CliMissingArg = "cli_missing_arg",
    CliBadUsage = "cli_bad_usage",
    CliSeeHelp = "cli_see_help",
    InitDone = "init_done",
    InitNotEmpty = "init_not_empty",
    BuildDone = "build_done",
    CheckDone = "check_done",
    BuildFailed = "build_failed",
    BuildPhotos = "build_photos",
    CliClean = "cli_clean",
    CliCleanAll = "cli_clean_all",
    CleanDone = "clean_done",
}

type Table = HashMap<String, String>;

static VI: LazyLock<Table> = LazyLock::new(|| parse(include_str!("../data/messages/vi.toml")));

fn parse(text: &str) -> Table {
    toml::from_str(text).unwrap_or_default()
}

/// The text of `msg` with `{name}` placeholders filled from `args`.
///
/// A key missing from the table yields the key itself, so a gap is visible but never fatal.
pub fn tr(msg: Msg, args: &[(&str, &dyn Display)]) -> String {
    let template = VI.get(msg.key()).map_or(msg.key(), String::as_str);
    fill(template, args)
}

fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_vietnamese_text() {
        let table = parse(include_str!("../data/messages/vi.toml"));
        let missing: Vec<_> = Msg::ALL
            .iter()
            .filter(|m| !table.contains_key(m.key()))
            .map(|m| m.key())
            .collect();
        assert!(missing.is_empty(), "missing messages: {missing:?}");
        assert_eq!(table.len(), Msg::ALL.len(), "unused messages in vi.toml");
    }

    #[test]
    fn placeholders_are_filled() {
        let s = tr(Msg::UnknownProvince, &[("name", &"Lạng Sôn")]);
        assert!(s.contains("Lạng Sôn"), "{s}");
        assert!(!s.contains('{'), "{s}");
    }
}
