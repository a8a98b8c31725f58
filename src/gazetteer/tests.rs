use std::collections::HashSet;

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::*;

fn gazetteer() -> &'static Gazetteer {
    embedded()
}

/// Id of the province with this exact name.
fn id(name: &str) -> ProvinceId {
    let g = gazetteer();
    let index = g.provinces().iter().position(|p| p.name == name).unwrap();
    ProvinceId(u16::try_from(index).unwrap())
}

/// Name of the unit of today the named province belongs to.
fn current_name(name: &str) -> &'static str {
    let g = gazetteer();
    &g.current(g.province(id(name)).current).name
}

fn raw_file() -> RawFile {
    toml::from_str(SOURCE).unwrap()
}

#[test]
fn embedded_file_parses() {
    let parsed = Gazetteer::parse(SOURCE);
    assert!(parsed.is_ok(), "{}", parsed.err().unwrap());
}

#[test]
fn counts() {
    let g = gazetteer();
    assert_eq!(g.provinces().len(), 64);
    assert_eq!(g.currents().len(), 34);
    assert_eq!(g.provinces().iter().filter(|p| p.legacy).count(), 63);
    let members: usize = g.currents().iter().map(|c| c.members.len()).sum();
    assert_eq!(members, 63);
    let cities = g.currents().iter().filter(|c| c.kind == UnitKind::City);
    assert_eq!(cities.count(), 6);
}

#[test]
fn legacy_units_belong_to_the_right_current_unit() {
    for (legacy, current) in [
        ("Yên Bái", "Lào Cai"),
        ("Bắc Kạn", "Thái Nguyên"),
        ("Hòa Bình", "Phú Thọ"),
        ("Vĩnh Long", "Vĩnh Long"),
        ("Lạng Sơn", "Lạng Sơn"),
        ("Thừa Thiên Huế", "Huế"),
        ("Bà Rịa – Vũng Tàu", "Hồ Chí Minh"),
        ("Kiên Giang", "An Giang"),
    ] {
        assert_eq!(current_name(legacy), current, "{legacy}");
        assert!(gazetteer().province(id(legacy)).legacy, "{legacy}");
    }
}

#[test]
fn hue_is_a_new_province_of_its_own_unit() {
    let g = gazetteer();
    let hue = g.province(id("Huế"));
    assert!(!hue.legacy);
    let unit = g.current(hue.current);
    assert_eq!(unit.name, "Huế");
    assert_eq!(unit.kind, UnitKind::City);
    assert_eq!(unit.province, id("Huế"));
    assert_eq!(unit.members, [id("Thừa Thiên Huế")]);
}

#[test]
fn current_units_link_members_and_own_province() {
    let g = gazetteer();
    for (index, unit) in g.currents().iter().enumerate() {
        let current = CurrentId(u16::try_from(index).unwrap());
        assert_eq!(g.province(unit.province).name, unit.name);
        assert_eq!(g.province(unit.province).slug, unit.slug);
        assert_eq!(g.province(unit.province).current, current);
        for &member in &unit.members {
            assert_eq!(g.province(member).current, current, "{}", unit.name);
        }
    }
    let ninh_binh = g.current(g.province(id("Nam Định")).current);
    let members: Vec<&str> = ninh_binh
        .members
        .iter()
        .map(|&m| g.province(m).name.as_str())
        .collect();
    assert_eq!(members, ["Ninh Bình", "Hà Nam", "Nam Định"]);
}

#[test]
fn slugs_are_unique_and_found() {
    let g = gazetteer();
    let slugs: HashSet<&str> = g.provinces().iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs.len(), g.provinces().len());
    assert_eq!(g.province(id("Bà Rịa – Vũng Tàu")).slug, "ba-ria-vung-tau");
    assert_eq!(g.province(id("Hồ Chí Minh")).slug, "ho-chi-minh");
    assert_eq!(g.province(id("Đắk Lắk")).slug, "dak-lak");
    for (index, province) in g.provinces().iter().enumerate() {
        let expected = ProvinceId(u16::try_from(index).unwrap());
        assert_eq!(g.by_slug(&province.slug), Some(expected));
    }
    assert_eq!(g.by_slug("atlantis"), None);
    assert_eq!(g.by_slug("Ba-Ria-Vung-Tau"), None);
}

#[test]
fn foreign_ids_give_placeholders() {
    let g = gazetteer();
    assert_eq!(g.province(ProvinceId(u16::MAX)).name, "");
    assert_eq!(g.current(CurrentId(u16::MAX)).name, "");
    let empty = Gazetteer::default();
    assert_eq!(empty.province(ProvinceId(0)).name, "");
    assert!(matches!(
        empty.resolve("Hà Nội"),
        Resolution::Unknown { .. }
    ));
}

#[test]
fn every_alias_in_the_file_resolves() {
    let g = gazetteer();
    for unit in raw_file().current {
        for alias in unit.aliases {
            let resolved = g.resolve(&alias);
            let Resolution::Alias(found) = resolved else {
                panic!("{alias}: {resolved:?}");
            };
            let current = g.current(g.province(found).current);
            assert_eq!(current.name, unit.name, "{alias}");
        }
    }
}

#[test]
fn aliases_denote_the_member_they_name() {
    let g = gazetteer();
    for (alias, name) in [
        ("Hoà Bình", "Hòa Bình"),
        ("Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu"),
        ("bà rịa–vũng tàu", "Bà Rịa – Vũng Tàu"),
        ("BR-VT", "Bà Rịa – Vũng Tàu"),
        ("BRVT", "Bà Rịa – Vũng Tàu"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("TPHCM", "Hồ Chí Minh"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("Hanoi", "Hà Nội"),
        ("Ha Noi", "Hà Nội"),
        ("Đăk Nông", "Đắk Nông"),
        ("Dak Nong", "Đắk Nông"),
        ("Dak Lak", "Đắk Lắk"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Bắc Cạn", "Bắc Kạn"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("TT Huế", "Thừa Thiên Huế"),
        ("Thành phố Huế", "Huế"),
        ("Hue", "Huế"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Tỉnh Lạng Sơn", "Lạng Sơn"),
        ("tỉnh  yên bái", "Yên Bái"),
        ("Thành phố Hải Phòng", "Hải Phòng"),
        ("TP Cần Thơ", "Cần Thơ"),
        ("  hà nội ", "Hà Nội"),
    ] {
        assert_eq!(g.resolve(alias), Resolution::Alias(id(name)), "{alias}");
    }
}

#[test]
fn names_without_diacritics_are_flagged() {
    let g = gazetteer();
    for (typed, name) in [
        ("Lang Son", "Lạng Sơn"),
        ("yen bai", "Yên Bái"),
        ("Hoa Binh", "Hòa Bình"),
        ("Ba Ria - Vung Tau", "Bà Rịa – Vũng Tàu"),
        ("Thua Thien Hue", "Thừa Thiên Huế"),
        ("Bac Can", "Bắc Kạn"),
        ("Tinh Vinh Long", "Vĩnh Long"),
        ("TP Ho Chi Minh", "Hồ Chí Minh"),
    ] {
        assert_eq!(
            g.resolve(typed),
            Resolution::WithoutDiacritics(id(name)),
            "{typed}"
        );
    }
}

#[test]
fn unknown_names_get_suggestions() {
    let g = gazetteer();
    assert_eq!(
        g.resolve("Lạng Sôn"),
        Resolution::Unknown {
            suggestions: vec![id("Lạng Sơn")]
        }
    );
    assert_eq!(
        g.resolve("Lang Sơn"),
        Resolution::Unknown {
            suggestions: vec![id("Lạng Sơn")]
        }
    );
    let Resolution::Unknown { suggestions } = g.resolve("Tỉnh Yên Bai") else {
        panic!("partial diacritics are not silently accepted");
    };
    assert_eq!(suggestions.first(), Some(&id("Yên Bái")));
    assert_eq!(
        g.resolve("Atlantis"),
        Resolution::Unknown {
            suggestions: vec![]
        }
    );
    assert_eq!(
        g.resolve(""),
        Resolution::Unknown {
            suggestions: vec![]
        }
    );
}

#[test]
fn ambiguous_diacritic_free_names_list_every_match() {
    let source = r#"
effective = 2025-07-01
[[current]]
name = "Hà Tĩnh"
kind = "province"
merged_from = ["Hà Tĩnh"]
[[current]]
name = "Hà Tây"
kind = "province"
merged_from = ["Hà Tây"]
aliases = ["Hà Tính"]
"#;
    let g = Gazetteer::parse(source).unwrap();
    assert_eq!(
        g.resolve("Ha Tinh"),
        Resolution::Ambiguous(vec![ProvinceId(0), ProvinceId(1)])
    );
    assert_eq!(g.resolve("Hà Tính"), Resolution::Alias(ProvinceId(1)));
    assert_eq!(g.resolve("Hà Tĩnh"), Resolution::Exact(ProvinceId(0)));
}

#[test]
fn parse_rejects_broken_files() {
    let head = "effective = 2025-07-01\n[[current]]\nkind = \"province\"\nname = \"A\"\n";
    let parse = |body: &str| Gazetteer::parse(&format!("{head}{body}"));
    assert!(parse("merged_from = [\"A\"]").is_ok());
    let repeated = parse("merged_from = [\"A\", \"a\"]").err().unwrap();
    assert!(matches!(repeated, LoadError::BadName(ref name) if name == "a"));
    let unnamed = parse("merged_from = [\"–\"]").err().unwrap();
    assert!(matches!(unnamed, LoadError::BadName(_)));
    let empty_alias = parse("merged_from = [\"A\"]\naliases = [\" \"]")
        .err()
        .unwrap();
    assert!(matches!(empty_alias, LoadError::BadAlias(_)));
    let unknown_field = parse("merged_from = [\"A\"]\ncolour = \"red\"")
        .err()
        .unwrap();
    assert!(matches!(unknown_field, LoadError::Toml(_)));
    let bad_kind = parse("merged_from = [\"A\"]\nkind = \"town\"")
        .err()
        .unwrap();
    assert!(matches!(bad_kind, LoadError::Toml(_)));
    let clash = "effective = 2025-07-01\n\
        [[current]]\nname = \"A\"\nkind = \"city\"\nmerged_from = [\"A\"]\naliases = [\"B\"]\n\
        [[current]]\nname = \"B\"\nkind = \"city\"\nmerged_from = [\"B\"]\n";
    let error = Gazetteer::parse(clash).err().unwrap();
    assert!(matches!(error, LoadError::BadAlias(ref alias) if alias == "B"));
    assert_eq!(error.to_string(), "empty or conflicting alias «B»");
}

#[test]
fn abbreviations_resolve_to_their_unit() {
    let g = gazetteer();
    for (abbreviation, name) in ABBREVIATIONS {
        assert_eq!(
            g.resolve(abbreviation),
            Resolution::Alias(id(name)),
            "{abbreviation}"
        );
    }
}

#[test]
fn every_province_resolves_exactly_in_any_normal_form() {
    let g = gazetteer();
    for (index, province) in g.provinces().iter().enumerate() {
        let expected = ProvinceId(u16::try_from(index).unwrap());
        assert_eq!(g.resolve(&province.name), Resolution::Exact(expected));
        let nfd: String = province.name.nfd().collect();
        let resolved = g.resolve(&nfd);
        assert!(
            resolved == Resolution::Exact(expected) || resolved == Resolution::Alias(expected),
            "{}: {resolved:?}",
            province.name
        );
        let upper = g.resolve(&province.name.to_uppercase());
        assert_eq!(upper, Resolution::Alias(expected));
    }
}

proptest! {
    #[test]
    fn resolve_never_panics(s in any::<String>()) {
        let g = gazetteer();
        if let Resolution::Unknown { suggestions } = g.resolve(&s) {
            prop_assert!(suggestions.len() <= 3);
        }
    }

    #[test]
    fn resolve_is_insensitive_to_case_and_form(index in 0usize..64, upper in any::<bool>()) {
        let g = gazetteer();
        let province = &g.provinces()[index];
        let name = if upper { province.name.to_uppercase() } else { province.name.to_lowercase() };
        let nfd: String = name.nfd().collect();
        let expected = ProvinceId(u16::try_from(index).unwrap());
        prop_assert_eq!(g.resolve(&nfd), Resolution::Alias(expected));
        // Diacritic-free spellings are flagged, unless they are explicit aliases ("ha noi").
        let folded = g.resolve(&vi::search_fold(&name));
        prop_assert!(
            folded == Resolution::WithoutDiacritics(expected) || folded == Resolution::Alias(expected),
            "{:?}", folded
        );
    }
}
