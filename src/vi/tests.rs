use std::cmp::Ordering;

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::*;

/// Every Vietnamese letter in both cases, plus separators and digits.
const VI_CHARS: &str = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợ\
pqrstuùủũúụưừửữứựvxyỳỷỹýỵAÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬBCDĐEÈẺẼÉẸÊỀỂỄẾỆGHIÌỈĨÍỊKLMNOÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢ\
PQRSTUÙỦŨÚỤƯỪỬỮỨỰVXYỲỶỸÝỴ  -–—,.0123456789";

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

/// Strings of Vietnamese letters, spaces, dashes, punctuation and digits.
fn vietnamese() -> impl Strategy<Value = String> {
    let chars: Vec<char> = VI_CHARS.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), 0..24)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Words of Vietnamese letters and spaces.
fn vietnamese_words() -> impl Strategy<Value = String> {
    let chars: Vec<char> = VI_CHARS
        .chars()
        .filter(|c| c.is_alphabetic() || *c == ' ')
        .collect();
    proptest::collection::vec(proptest::sample::select(chars), 0..24)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Vietnamese-ish strings or arbitrary Unicode.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![vietnamese(), any::<String>()]
}

fn is_slug(s: &str) -> bool {
    s.is_empty()
        || s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[test]
fn nfc_composes_decomposed_text() {
    let decomposed = nfd("Lạng Sơn");
    assert_ne!(decomposed, "Lạng Sơn");
    assert_eq!(nfc(&decomposed), "Lạng Sơn");
    assert_eq!(nfc("Lạng Sơn"), "Lạng Sơn");
    assert_eq!(nfc(""), "");
}

#[test]
fn fold_tone_placement_moves_tone_to_first_vowel_of_open_diphthong() {
    assert_eq!(fold_tone_placement("hoà"), "hòa");
    assert_eq!(fold_tone_placement("hòa"), "hòa");
    assert_eq!(fold_tone_placement("thuỷ"), "thủy");
    assert_eq!(fold_tone_placement("khoẻ"), "khỏe");
    assert_eq!(fold_tone_placement("Thanh Hoá"), "Thanh Hóa");
    assert_eq!(fold_tone_placement("Khánh Hoà"), "Khánh Hòa");
    assert_eq!(fold_tone_placement("Hoà Bình"), "Hòa Bình");
    assert_eq!(fold_tone_placement("HOÀ BÌNH"), "HÒA BÌNH");
    assert_eq!(fold_tone_placement("Uỷ ban"), "Ủy ban");
    assert_eq!(fold_tone_placement("văn hoá – xã hội"), "văn hóa – xã hội");
    assert_eq!(fold_tone_placement(&nfd("Thanh Hoá")), "Thanh Hóa");
}

#[test]
fn fold_tone_placement_leaves_fixed_placements_alone() {
    for word in [
        "hoàng", "thuyền", "Huỳnh", "ngoài", "xoáy", "khuỷu", "quý", "Quỳnh", "quà", "thuế", "mùa",
        "hòa", "", "abc", "Hoà-",
    ] {
        let expected = if word == "Hoà-" { "Hòa-" } else { word };
        assert_eq!(fold_tone_placement(word), expected, "{word}");
    }
}

#[test]
fn fold_tone_placement_unifies_both_placements_of_every_tone() {
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    for onset in ["", "h", "kh", "th", "t", "l", "Ng", "X"] {
        for (first, second) in [('o', 'a'), ('o', 'e'), ('u', 'y')] {
            for tone in tones {
                let old = nfc(&format!("{onset}{first}{tone}{second}"));
                let new = nfc(&format!("{onset}{first}{second}{tone}"));
                assert_eq!(fold_tone_placement(&new), old, "{new}");
                assert_eq!(fold_tone_placement(&old), old, "{old}");
            }
        }
    }
}

#[test]
fn compare_key_unifies_tones_case_dashes_and_spaces() {
    let key = compare_key("Bà Rịa - Vũng Tàu");
    assert_eq!(key, "bà rịa - vũng tàu");
    assert_eq!(compare_key("bà rịa–vũng tàu"), key);
    assert_eq!(compare_key("  Bà  Rịa—Vũng\tTàu "), key);
    assert_eq!(compare_key(&nfd("Bà Rịa-Vũng Tàu")), key);
    assert_eq!(compare_key("Thanh Hoá"), compare_key("thanh hóa"));
    assert_ne!(compare_key("Hà Nội"), compare_key("Ha Noi"));
}

#[test]
fn strip_diacritics_examples() {
    assert_eq!(strip_diacritics("Lạng Sơn"), "Lang Son");
    assert_eq!(strip_diacritics("Đảng ủy"), "Dang uy");
    assert_eq!(strip_diacritics(&nfd("Đảng ủy")), "Dang uy");
    assert_eq!(
        strip_diacritics("ĐẮK LẮK, 2021–2023!"),
        "DAK LAK, 2021–2023!"
    );
    assert_eq!(strip_diacritics("Hà Nội 東京"), "Ha Noi 東京");
}

#[test]
fn search_fold_examples() {
    assert_eq!(search_fold("  Lạng   Sơn "), "lang son");
    assert_eq!(search_fold("Nguyễn Thị Hồng Hạnh"), "nguyen thi hong hanh");
    assert_eq!(search_fold("ĐỒNG THÁP"), "dong thap");
    assert_eq!(search_fold("İstanbul"), "istanbul");
}

#[test]
fn slugify_examples() {
    assert_eq!(slugify("Lạng Sơn"), "lang-son");
    assert_eq!(slugify("Đảng ủy"), "dang-uy");
    assert_eq!(slugify("Vì dân, gần dân"), "vi-dan-gan-dan");
    assert_eq!(slugify("2021–2023"), "2021-2023");
    assert_eq!(slugify("Văn hóa – xã hội"), "van-hoa-xa-hoi");
    assert_eq!(slugify("Bà Rịa – Vũng Tàu"), "ba-ria-vung-tau");
    assert_eq!(slugify("  «Lương y như từ mẫu»  "), "luong-y-nhu-tu-mau");
    assert_eq!(slugify("– … –"), "");
    assert_eq!(slugify(""), "");
}

#[test]
fn collator_orders_the_vietnamese_alphabet() {
    let collator = Collator::new();
    let mut letters = vec![
        "y", "x", "v", "ư", "u", "t", "s", "r", "q", "p", "ơ", "ô", "o", "n", "m", "l", "k", "i",
        "h", "g", "ê", "e", "đ", "d", "c", "b", "â", "ă", "a",
    ];
    letters.sort_by(|a, b| collator.compare(a, b));
    assert_eq!(
        letters.concat(),
        "aăâbcdđeêghiklmnoôơpqrstuưvxy",
        "Vietnamese alphabet order"
    );
    let mut capitals = vec!["Z", "E", "Đ", "D"];
    capitals.sort_by(|a, b| collator.compare(a, b));
    assert_eq!(capitals, ["D", "Đ", "E", "Z"]);
}

#[test]
fn collator_sorts_province_names() {
    let collator = Collator::new();
    let mut names = vec![
        "Gia Lai",
        "Đồng Tháp",
        "Điện Biên",
        "Đà Nẵng",
        "Cần Thơ",
        "Duy Tiên",
        "Bắc Ninh",
        "Bà Rịa – Vũng Tàu",
        "An Giang",
        "Yên Bái",
    ];
    names.sort_by(|a, b| collator.compare(a, b));
    assert_eq!(
        names,
        [
            "An Giang",
            "Bà Rịa – Vũng Tàu",
            "Bắc Ninh",
            "Cần Thơ",
            "Duy Tiên",
            "Đà Nẵng",
            "Điện Biên",
            "Đồng Tháp",
            "Gia Lai",
            "Yên Bái",
        ]
    );
}

#[test]
fn collator_treats_tones_as_secondary() {
    let collator = Collator::new();
    // The base letters decide first: "mạ" before "mb" although ạ > a.
    assert_eq!(collator.compare("mạ", "mb"), Ordering::Less);
    assert_eq!(collator.compare("ma", "mà"), Ordering::Less);
    assert_eq!(collator.compare("mà", "mạ"), Ordering::Less);
    assert_eq!(collator.compare("hạnh", "hanh"), Ordering::Greater);
}

#[test]
fn collator_is_total_and_deterministic() {
    let collator = Collator::new();
    let composed = "Hạnh";
    let decomposed = nfd(composed);
    let first = collator.compare(composed, &decomposed);
    assert_ne!(first, Ordering::Equal);
    assert_eq!(collator.compare(&decomposed, composed), first.reverse());
    assert_eq!(collator.compare(composed, composed), Ordering::Equal);
}

#[test]
fn collator_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Collator>();
}

#[test]
fn collator_falls_back_without_icu_data() {
    let collator = Collator { icu: None };
    let mut names = vec!["Lạng Sơn", "An Giang", "Hà Nội"];
    names.sort_by(|a, b| collator.compare(a, b));
    assert_eq!(names, ["An Giang", "Hà Nội", "Lạng Sơn"]);
    assert_eq!(collator.compare("a", "a"), Ordering::Equal);
    assert_ne!(collator.compare("a", "à"), Ordering::Equal);
    assert_eq!(
        collator.sort_key("An").cmp(&collator.sort_key("Hà")),
        Ordering::Less
    );
}

#[test]
fn people_sort_by_given_name_then_full_name() {
    let collator = Collator::new();
    let mut people = vec![
        "Võ Minh Hạnh",
        "Đồng chí Lê Văn Bình",
        "Nguyễn Thị Hồng Hạnh",
        "bà Hoàng Thị Dung",
        "Phạm Thị Đào",
        "Trần Văn An",
        "Ông Trần Quốc Ê",
    ];
    people.sort_by(|a, b| collator.compare_people(a, b));
    assert_eq!(
        people,
        [
            "Trần Văn An",
            "Đồng chí Lê Văn Bình",
            "bà Hoàng Thị Dung",
            "Phạm Thị Đào",
            "Ông Trần Quốc Ê",
            "Nguyễn Thị Hồng Hạnh",
            "Võ Minh Hạnh",
        ]
    );
}

#[test]
fn strip_honorific_examples() {
    assert_eq!(
        strip_honorific("Đồng chí Nguyễn Thị Hồng Hạnh"),
        "Nguyễn Thị Hồng Hạnh"
    );
    assert_eq!(strip_honorific("đồng  chí  Lê Văn A "), "Lê Văn A");
    assert_eq!(strip_honorific(&nfd("ĐỒNG CHÍ Lê Văn A")), nfd("Lê Văn A"));
    assert_eq!(strip_honorific("đ/c Trần Văn B"), "Trần Văn B");
    assert_eq!(strip_honorific("Ông Trần Văn B"), "Trần Văn B");
    assert_eq!(strip_honorific("bà Hoàng Thị Dung"), "Hoàng Thị Dung");
    assert_eq!(strip_honorific("Chị Lò Thị Mai"), "Lò Thị Mai");
    assert_eq!(strip_honorific("Đồng chí ông Trần Văn B"), "Trần Văn B");
    // Only whole words, and never the whole name.
    assert_eq!(strip_honorific("Ông"), "Ông");
    assert_eq!(strip_honorific("Bàng Văn C"), "Bàng Văn C");
    assert_eq!(strip_honorific("Đồng Văn Chí"), "Đồng Văn Chí");
    assert_eq!(strip_honorific("Anhvu Le"), "Anhvu Le");
    assert_eq!(strip_honorific("   "), "");
}

#[test]
fn given_name_examples() {
    assert_eq!(given_name("Nguyễn Thị Hồng Hạnh"), "Hạnh");
    assert_eq!(given_name("Đồng chí Lê Văn Bình,"), "Bình");
    assert_eq!(given_name("Hạnh"), "Hạnh");
    assert_eq!(given_name(""), "");
    assert_eq!(given_name("Ông"), "Ông");
}

#[test]
fn suggest_examples() {
    let provinces = ["Lạng Sơn", "Sơn La", "Lâm Đồng", "Lào Cai"];
    assert_eq!(suggest("Lạng Sôn", provinces), ["Lạng Sơn"]);
    let fields = ["Kinh tế", "Văn hóa – xã hội", "Quốc phòng – an ninh"];
    assert_eq!(suggest("Kinh te", fields), ["Kinh tế"]);
    let keys = ["title", "summary", "period", "summary"];
    assert_eq!(suggest("sumary", keys), ["summary"]);
    assert!(suggest("zzzz", keys).is_empty());
    assert!(suggest("", keys).is_empty());
    assert!(suggest("ab", ["cd", "xy"]).is_empty());
}

#[test]
fn suggest_ranks_by_distance_then_diacritics_and_keeps_three() {
    let candidates = ["Hà Nam", "Hà Nội", "Hà Nói", "Ha Noi", "Hà Giang"];
    assert_eq!(
        suggest("Hà Nội", candidates),
        ["Hà Nội", "Hà Nói", "Ha Noi"]
    );
    assert_eq!(
        suggest("Ha Nam", candidates),
        ["Hà Nam", "Ha Noi", "Hà Nói"]
    );
}

#[test]
fn sort_key_agrees_with_compare_on_examples() {
    let collator = Collator::new();
    let names = [
        "Đà Nẵng",
        "Cần Thơ",
        "Điện Biên",
        "Dak",
        "An Giang",
        "an giang",
        "Hạnh",
    ];
    for a in names {
        for b in names.iter().copied().chain([nfd("Hạnh").as_str()]) {
            let by_key = collator.sort_key(a).cmp(&collator.sort_key(b));
            assert_eq!(by_key, collator.compare(a, b), "{a} vs {b}");
        }
    }
}

proptest! {
    #[test]
    fn slugify_gives_a_slug_or_nothing(s in any_text()) {
        let slug = slugify(&s);
        prop_assert!(is_slug(&slug), "{slug:?}");
        prop_assert_eq!(slugify(&slug), slug.clone());
        prop_assert_eq!(slugify(&nfd(&s)), slugify(&nfc(&s)));
    }

    #[test]
    fn slugify_keeps_every_vietnamese_letter(s in vietnamese()) {
        let letters = s.chars().filter(|c| c.is_alphanumeric()).count();
        let slug = slugify(&s);
        prop_assert_eq!(slug.bytes().filter(u8::is_ascii_alphanumeric).count(), letters);
    }

    #[test]
    fn fold_tone_placement_is_idempotent_and_form_insensitive(s in any_text()) {
        let folded = fold_tone_placement(&s);
        prop_assert_eq!(fold_tone_placement(&folded), folded.clone());
        prop_assert_eq!(fold_tone_placement(&nfd(&s)), folded.clone());
        prop_assert_eq!(nfc(&folded), folded.clone());
        prop_assert_eq!(search_fold(&folded), search_fold(&s));
    }

    #[test]
    fn compare_key_is_form_and_placement_insensitive(s in vietnamese()) {
        let key = compare_key(&s);
        prop_assert_eq!(compare_key(&nfd(&s)), key.clone());
        prop_assert_eq!(compare_key(&key), key.clone());
        prop_assert_eq!(compare_key(&s.to_uppercase()), key);
    }

    #[test]
    fn search_fold_of_vietnamese_is_ascii(s in vietnamese_words()) {
        let folded = search_fold(&s);
        prop_assert!(folded.is_ascii(), "{folded:?}");
        prop_assert_eq!(search_fold(&nfd(&s)), folded);
    }

    #[test]
    fn compare_is_a_total_order(a in vietnamese(), b in vietnamese(), c in vietnamese()) {
        let collator = Collator::new();
        let ab = collator.compare(&a, &b);
        prop_assert_eq!(collator.compare(&b, &a), ab.reverse());
        prop_assert_eq!(ab == Ordering::Equal, a == b);
        let mut sorted = [&a, &b, &c];
        sorted.sort_by(|x, y| collator.compare(x, y));
        prop_assert_ne!(collator.compare(sorted[0], sorted[1]), Ordering::Greater);
        prop_assert_ne!(collator.compare(sorted[1], sorted[2]), Ordering::Greater);
        prop_assert_ne!(collator.compare(sorted[0], sorted[2]), Ordering::Greater);
    }

    #[test]
    fn compare_is_consistent_across_normal_forms(a in vietnamese(), b in vietnamese()) {
        let collator = Collator::new();
        let (a_nfc, a_nfd) = (nfc(&a), nfd(&a));
        if nfc(&b) != a_nfc {
            prop_assert_eq!(collator.compare(&a_nfc, &b), collator.compare(&a_nfd, &b));
        }
        prop_assert_ne!(collator.compare(&a_nfc, &a_nfd) == Ordering::Equal, a_nfc != a_nfd);
    }

    #[test]
    fn sort_key_agrees_with_compare(a in any_text(), b in any_text()) {
        let collator = Collator::new();
        let by_key = collator.sort_key(&a).cmp(&collator.sort_key(&b));
        prop_assert_eq!(by_key, collator.compare(&a, &b));
    }

    #[test]
    fn compare_people_is_a_total_order(a in vietnamese(), b in vietnamese()) {
        let collator = Collator::new();
        let ab = collator.compare_people(&a, &b);
        prop_assert_eq!(collator.compare_people(&b, &a), ab.reverse());
        prop_assert_eq!(ab == Ordering::Equal, a == b);
    }

    #[test]
    fn honorific_helpers_return_parts_of_the_name(s in any_text()) {
        let stripped = strip_honorific(&s);
        prop_assert!(s.contains(stripped));
        prop_assert!(s.contains(given_name(&s)));
    }

    #[test]
    fn suggest_returns_at_most_three_candidates(s in vietnamese(), cands in proptest::collection::vec(vietnamese(), 0..8)) {
        let found = suggest(&s, cands.iter().map(String::as_str));
        prop_assert!(found.len() <= 3);
        prop_assert!(found.iter().all(|f| cands.iter().any(|c| c == f)));
    }
}
