//! The teacher fields of the national roster and county templates
//! (rosters.md "New teacher columns" and `backbone`): sex, resident ID
//! number, professional title, post status and backbone level, each as a
//! parser of a cell's text and a `Row` method whose errors name file, line
//! and column.

use super::cell::{ascii_digits, parse_bool, shown};
use super::table::Row;
// Enumerations are matched as `key` compares: full-width letters and stray
// spaces (`县级 骨干教师`) allowed.
use super::{Backbone, PostStatus, Sex, Title, key};
use crate::error::InputError;
use crate::messages::Message;
use crate::msg;
use chrono::NaiveDate;

/// 性别 as GB/T 2261.1 and rosters write it: `男`/`女` (also `男性`/`女性`),
/// `male`/`female`, `m`/`f` (any case), `1`/`2`. `None` for anything else.
pub fn parse_sex(s: &str) -> Option<Sex> {
    let s = key(s);
    let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(&s));
    if is(&["男", "男性", "male", "m", "1"]) {
        Some(Sex::Male)
    } else if is(&["女", "女性", "female", "f", "2"]) {
        Some(Sex::Female)
    } else {
        None
    }
}

/// 专业技术职务 after the 2015 reform: `正高级`, `高级`, `一级`, `二级`, `三级`,
/// `未定级` (also `未定职级`, `无`); a trailing `教师` and a leading `中小学` are
/// ignored (`中小学高级教师`). Titles from before the reform map as
/// 人社部发〔2015〕79号 does: `中学高级` -> `高级`; `中学一级`, `小学高级` ->
/// `一级`; `中学二级`, `小学一级` -> `二级`; `中学三级`, `小学二级`, `小学三级`
/// -> `三级`. English: `senior_plus`, `senior`, `first`, `second`, `third`,
/// `none` (any case). `None` for anything else.
pub fn parse_title(s: &str) -> Option<Title> {
    const TITLES: &[(&[&str], Title)] = &[
        (&["正高级", "senior_plus"], Title::SeniorPlus),
        (&["高级", "中学高级", "senior"], Title::Senior),
        (&["一级", "中学一级", "小学高级", "first"], Title::First),
        (&["二级", "中学二级", "小学一级", "second"], Title::Second),
        (
            &["三级", "中学三级", "小学二级", "小学三级", "third"],
            Title::Third,
        ),
        (&["未定级", "未定职级", "无", "none"], Title::None),
    ];
    let s = key(s);
    let s = s.strip_suffix("教师").unwrap_or(&s);
    let s = s.strip_prefix("中小学").unwrap_or(s);
    TITLES
        .iter()
        .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(s)))
        .map(|&(_, t)| t)
}

/// The words bureaus write for a status besides the national names
/// (fit.md "Words bureaus use").
const STATUS_WORDS: &[(&[&str], u16)] = &[
    (&["在岗", "在职", "正常", "在编在岗"], 100),
    (&["借调", "借用", "借出"], 201),
    (&["病休", "病假"], 203),
    (&["脱产进修", "脱产学习"], 204),
    (&["交流", "支教", "轮岗"], 205),
    (&["援外"], 207),
    (&["内退", "待退"], 209),
];

/// The status a bureau's word stands for, `None` for another word: a
/// word of `STATUS_WORDS`, or a leave word that makes the teacher not
/// eligible (`PostStatus::LEAVE_WORDS`, fit.md "Words bureaus use").
fn status_word(word: &str) -> Option<PostStatus> {
    STATUS_WORDS
        .iter()
        .find(|(words, _)| words.contains(&word))
        .map(|&(_, code)| PostStatus(code))
        .or_else(|| PostStatus::of_leave_word(word))
}

/// 人员状态 as the national system writes it: the code (`205`), its name
/// (`交流轮岗`) or both (`205 交流轮岗`, `205-交流轮岗`, `205交流轮岗`), which
/// must then agree. Codes: 100, 201-211, 299 (`PostStatus::name`).
///
/// Errors: an unknown code or name, or a code and a name that disagree.
pub fn parse_status(text: &str) -> Result<PostStatus, Message> {
    let s = key(text);
    let s = ascii_digits(&s);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (code, name) = s.split_at(digits);
    let name = name.trim_start_matches(['-', ':', '.', '、', '|', '/', '_']);
    let expected = || msg!("read-expected-status", found = shown(text));
    let by_name = |name: &str| {
        let name = if name == "其它" { "其他" } else { name };
        (100..=299)
            .map(PostStatus)
            .find(|p| p.name() == Some(name))
            .or_else(|| status_word(name))
    };
    let code = match code {
        "" => None,
        code => Some(PostStatus(code.parse().map_err(|_| expected())?)),
    };
    match (code, name) {
        (Some(p), "") if p.name().is_some() => Ok(p),
        (None, name) => by_name(name).ok_or_else(expected),
        (Some(p), name) => match (p.name(), by_name(name)) {
            (Some(_), Some(q)) if q == p => Ok(p),
            (Some(known), Some(_)) => Err(msg!(
                "read-expected-status-mismatch",
                found = shown(text),
                code = p.0,
                known = known,
                name = name
            )),
            _ => Err(expected()),
        },
    }
}

/// A `backbone` cell (rosters.md): a boolean (true is `county`); a level
/// `none`, `school`, `county`, `city`, `province`, `national` or `无`,
/// `校级`, `县级` (also `区级`), `市级`, `省级`, `国家级` (also `全国`); a
/// category word (`骨干教师`, `骨干`, `学科带头人`, `名师`, `教学能手`,
/// `教坛新星`) after a level prefix (`市级教学能手` is `city`) or alone
/// (`county`); `特级教师`, `省特级教师` (`province`). Any case, white space
/// ignored. `None` for anything else.
pub fn parse_backbone(s: &str) -> Option<Backbone> {
    const LEVELS: &[(&[&str], Backbone)] = &[
        (&["none", "无"], Backbone::None),
        (&["school", "校级"], Backbone::School),
        (&["county", "县级", "区级"], Backbone::County),
        (&["city", "市级"], Backbone::City),
        (&["province", "省级"], Backbone::Province),
        (&["national", "国家级", "全国"], Backbone::National),
    ];
    const CATEGORIES: &[&str] = &[
        "骨干教师",
        "骨干",
        "学科带头人",
        "名师",
        "教学能手",
        "教坛新星",
    ];
    // Most cells are a level's English name as `Backbone::name` writes it
    // (no boolean is one): found without the checks below.
    if let Some(level) = Backbone::from_name(s) {
        return Some(level);
    }
    if let Some(b) = parse_bool(s) {
        return Some(if b { Backbone::County } else { Backbone::None });
    }
    let s = key(s);
    if matches!(&*s, "特级教师" | "省特级教师" | "特级") {
        return Some(Backbone::Province);
    }
    let category = |rest: &str| rest.is_empty() || CATEGORIES.contains(&rest);
    if CATEGORIES.contains(&&*s) {
        return Some(Backbone::County);
    }
    LEVELS.iter().find_map(|&(names, level)| {
        names.iter().find_map(|n| {
            let rest = if s.is_ascii() {
                s.eq_ignore_ascii_case(n).then_some("")
            } else {
                s.strip_prefix(n)
            }?;
            // `无` takes no category word.
            (category(rest) && (rest.is_empty() || level != Backbone::None)).then_some(level)
        })
    })
}

/// A resident ID number (公民身份号码, GB 11643) with what it tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCard {
    /// The 18 characters, ASCII, the check character `X` upper case.
    pub number: String,
    /// Digits 7-14 (yyyymmdd).
    pub birth_date: NaiveDate,
    /// Digit 17: odd male, even female.
    pub sex: Sex,
}

/// The ISO 7064 MOD 11-2 check character of the first 17 digits.
fn check_character(digits: &[u8]) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = digits
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

/// An 18-character resident ID number: 17 digits and a check character
/// (a digit or `X`, `x` accepted), full-width digits accepted, whose
/// digits 7-14 are a real day; or a 15-digit one of the first generation
/// (digits 7-12 the day 19YYMMDD, the last digit odd for men).
///
/// Errors (the number masked as `mask_id_card` does, never whole): another
/// length or character, a wrong check character (ISO 7064 MOD 11-2), an
/// impossible birth date.
pub fn parse_id_card(text: &str) -> Result<IdCard, Message> {
    let (card, right) = parse_id_card_unchecked(text)?;
    match right {
        Some(check) => Err(msg!(
            "read-id-card-check",
            number = super::mask_id_card(&card.number),
            check = check
        )),
        None => Ok(card),
    }
}

/// As `parse_id_card`, a wrong check character aside: the number and,
/// when its check character is wrong, the right one (fit.md "Conflicts
/// are shown": such a number is a warning where `birth_date` and `sex`
/// have their own cells and it is not the id).
pub fn parse_id_card_unchecked(text: &str) -> Result<(IdCard, Option<char>), Message> {
    let s = ascii_digits(text).to_ascii_uppercase();
    let masked = super::mask_id_card(&s);
    let b = s.as_bytes();
    // The first generation (before 1999): 15 digits, birth date 19YYMMDD
    // from digits 7-12, sex from the last digit, no check character
    // (rosters.md "15-digit ID numbers").
    if b.len() == 15 && b.iter().all(u8::is_ascii_digit) {
        let number = |range: std::ops::Range<usize>| s[range].parse::<u32>().unwrap_or(0);
        let birth_date =
            NaiveDate::from_ymd_opt(1900 + number(6..8) as i32, number(8..10), number(10..12))
                .ok_or_else(|| msg!("read-id-card-birth-date", number = masked.as_str()))?;
        let sex = if (b[14] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        };
        return Ok((
            IdCard {
                number: s,
                birth_date,
                sex,
            },
            None,
        ));
    }
    if b.len() != 18
        || !b[..17].iter().all(u8::is_ascii_digit)
        || !(b[17].is_ascii_digit() || b[17] == b'X')
    {
        return Err(msg!("read-expected-id-card", number = masked));
    }
    let check = check_character(&b[..17]);
    let right = (b[17] as char != check).then_some(check);
    let number = |range: std::ops::Range<usize>| s[range].parse::<u32>().unwrap_or(0);
    let Some(birth_date) =
        NaiveDate::from_ymd_opt(number(6..10) as i32, number(10..12), number(12..14))
    else {
        // A wrong check character is named before an impossible date.
        return Err(match right {
            Some(check) => msg!("read-id-card-check", number = masked, check = check),
            None => msg!("read-id-card-birth-date", number = masked),
        });
    };
    let sex = if (b[16] - b'0') % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    };
    Ok((
        IdCard {
            number: s,
            birth_date,
            sex,
        },
        right,
    ))
}

impl<'a> Row<'a> {
    /// An optional sex (`parse_sex`).
    pub fn sex(&self, key: &str) -> Result<Option<Sex>, InputError> {
        self.get(key)
            .map(|s| {
                parse_sex(s)
                    .ok_or_else(|| self.error(key, msg!("read-expected-sex", found = shown(s))))
            })
            .transpose()
    }

    /// An optional professional title (`parse_title`).
    pub fn title(&self, key: &str) -> Result<Option<Title>, InputError> {
        self.get(key)
            .map(|s| {
                parse_title(s)
                    .ok_or_else(|| self.error(key, msg!("read-expected-title", found = shown(s))))
            })
            .transpose()
    }

    /// An optional post status (`parse_status`).
    pub fn status(&self, key: &str) -> Result<Option<PostStatus>, InputError> {
        self.get(key)
            .map(|s| parse_status(s).map_err(|why| self.error(key, why)))
            .transpose()
    }

    /// An optional backbone level (`parse_backbone`).
    pub fn backbone(&self, key: &str) -> Result<Option<Backbone>, InputError> {
        self.get(key)
            .map(|s| {
                parse_backbone(s).ok_or_else(|| {
                    self.error(key, msg!("read-expected-backbone", found = shown(s)))
                })
            })
            .transpose()
    }

    /// An optional resident ID number (`parse_id_card`); in a workbook, a
    /// wrong number of digits-only text also says how Excel loses digits.
    pub fn id_card(&self, key: &str) -> Result<Option<IdCard>, InputError> {
        Ok(self.id_card_lenient(key, false)?.map(|(card, _)| card))
    }

    /// As `id_card`; with `lenient`, a number whose check character is
    /// wrong is read, and `true` beside it says so
    /// (`parse_id_card_unchecked`).
    pub fn id_card_lenient(
        &self,
        key: &str,
        lenient: bool,
    ) -> Result<Option<(IdCard, bool)>, InputError> {
        self.get(key)
            .map(|s| {
                let read = if lenient {
                    parse_id_card_unchecked(s).map(|(card, right)| (card, right.is_some()))
                } else {
                    parse_id_card(s).map(|card| (card, false))
                };
                read.map_err(|why| {
                    if self.date_system().is_some() && s.bytes().all(|b| b.is_ascii_digit()) {
                        self.error(key, msg!("read-id-card-in-workbook", reason = why))
                    } else {
                        self.error(key, why)
                    }
                })
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sexes() {
        for s in ["男", "male", "M", "m", "1", "１", "男性", "Male"] {
            assert_eq!(parse_sex(s), Some(Sex::Male), "{s}");
        }
        for s in ["女", "female", "F", "2", "女性"] {
            assert_eq!(parse_sex(s), Some(Sex::Female), "{s}");
        }
        for s in ["3", "0", "x", "男女", ""] {
            assert_eq!(parse_sex(s), None, "{s}");
        }
    }

    #[test]
    fn titles_and_their_pre_2015_names() {
        let cases = [
            ("正高级", Title::SeniorPlus),
            ("正高级教师", Title::SeniorPlus),
            ("高级", Title::Senior),
            ("高级教师", Title::Senior),
            ("中小学高级教师", Title::Senior),
            ("中学高级", Title::Senior),
            ("中学高级教师", Title::Senior),
            ("一级", Title::First),
            ("中学一级", Title::First),
            ("小学高级", Title::First),
            ("小学高级教师", Title::First),
            ("二级", Title::Second),
            ("中学二级", Title::Second),
            ("小学一级", Title::Second),
            ("三级", Title::Third),
            ("中学三级", Title::Third),
            ("小学二级", Title::Third),
            ("小学三级", Title::Third),
            ("未定级", Title::None),
            ("未定职级", Title::None),
            ("无", Title::None),
            ("senior_plus", Title::SeniorPlus),
            ("Senior", Title::Senior),
            ("FIRST", Title::First),
            ("second", Title::Second),
            ("third", Title::Third),
            ("none", Title::None),
        ];
        for (s, t) in cases {
            assert_eq!(parse_title(s), Some(t), "{s}");
        }
        for s in ["四级", "小学正高级", "教授", "教师", ""] {
            assert_eq!(parse_title(s), None, "{s}");
        }
    }

    #[test]
    fn statuses_by_code_name_or_both() {
        for s in [
            "205",
            "交流轮岗",
            "205 交流轮岗",
            "205交流轮岗",
            "205-交流轮岗",
            "２０５　交流轮岗",
        ] {
            assert_eq!(parse_status(s), Ok(PostStatus(205)), "{s}");
        }
        assert_eq!(parse_status("100"), Ok(PostStatus(100)));
        assert_eq!(parse_status("在本单位任职"), Ok(PostStatus(100)));
        assert_eq!(parse_status("299 其他"), Ok(PostStatus(299)));
        assert_eq!(parse_status("其它"), Ok(PostStatus(299)));
        assert_eq!(parse_status("203 长病假"), Ok(PostStatus(203)));
        for s in [
            "212",
            "0",
            "休假",
            "205 进修",
            "abc",
            "200",
            "99999交流轮岗",
            "",
        ] {
            let e = parse_status(s).unwrap_err().to_string();
            assert!(e.contains("expected a status"), "{s}: {e}");
        }
        assert!(
            parse_status("205 进修")
                .unwrap_err()
                .to_string()
                .contains("code 205 is 交流轮岗, not 进修")
        );
    }

    #[test]
    fn backbone_levels_and_titles() {
        let cases = [
            ("true", Backbone::County),
            ("是", Backbone::County),
            ("√", Backbone::County),
            ("false", Backbone::None),
            ("否", Backbone::None),
            ("无", Backbone::None),
            ("none", Backbone::None),
            ("校级", Backbone::School),
            ("School", Backbone::School),
            ("县级", Backbone::County),
            ("区级", Backbone::County),
            ("county", Backbone::County),
            ("市级", Backbone::City),
            ("CITY", Backbone::City),
            ("省级", Backbone::Province),
            ("province", Backbone::Province),
            ("国家级", Backbone::National),
            ("national", Backbone::National),
            ("县级骨干教师", Backbone::County),
            ("区级学科带头人", Backbone::County),
            ("市级教学能手", Backbone::City),
            ("省级名师", Backbone::Province),
            ("市级教坛新星", Backbone::City),
            ("国家级骨干教师", Backbone::National),
            ("全国名师", Backbone::National),
            ("校级骨干教师", Backbone::School),
            ("县级 骨干教师", Backbone::County),
            ("特级教师", Backbone::Province),
            ("省特级教师", Backbone::Province),
            ("骨干教师", Backbone::County),
            ("学科带头人", Backbone::County),
            ("名师", Backbone::County),
            ("教学能手", Backbone::County),
            ("教坛新星", Backbone::County),
        ];
        for (s, b) in cases {
            assert_eq!(parse_backbone(s), Some(b), "{s}");
        }
        for s in [
            "maybe",
            "无骨干教师",
            "市级优秀",
            "countyx",
            "乡级",
            "骨干教师市级",
        ] {
            assert_eq!(parse_backbone(s), None, "{s}");
        }
    }

    #[test]
    fn first_generation_id_cards_have_15_digits() {
        // 110105491231002: born 1949-12-31, last digit even: female.
        let c = parse_id_card("110105491231002").unwrap();
        assert_eq!(c.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert_eq!(c.sex, Sex::Female);
        let c = parse_id_card("440524800101001").unwrap();
        assert_eq!(c.birth_date, NaiveDate::from_ymd_opt(1980, 1, 1).unwrap());
        assert_eq!(c.sex, Sex::Male);
        let e = parse_id_card("110105490230002").unwrap_err().to_string();
        assert!(e.contains("no real birth date"), "{e}");
        assert!(!e.contains("110105490230002"), "never whole: {e}");
    }

    #[test]
    fn id_cards() {
        // 11010519491231002X: the standard's own example, check character X.
        let c = parse_id_card("11010519491231002X").unwrap();
        assert_eq!(c.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert_eq!(c.sex, Sex::Female);
        assert_eq!(
            parse_id_card("11010519491231002x").unwrap().number,
            "11010519491231002X"
        );
        // A digit check character; digit 17 odd: male.
        let c = parse_id_card("440524188001010014").unwrap();
        assert_eq!(c.birth_date, NaiveDate::from_ymd_opt(1880, 1, 1).unwrap());
        assert_eq!(c.sex, Sex::Male);
        assert!(parse_id_card("４４０５２４１８８００１０１００１４").is_ok());

        let e = parse_id_card("110105194912310021").unwrap_err().to_string();
        assert!(
            e.contains("wrong check character") && e.contains("`X`"),
            "{e}"
        );
        assert!(e.contains("1101**********0021"), "masked: {e}");
        assert!(!e.contains("110105194912310021"), "never whole: {e}");
        let e = parse_id_card("11010519491231002").unwrap_err().to_string();
        assert!(e.contains("18-character"), "{e}");
        let e = parse_id_card("1101051949123100AX").unwrap_err().to_string();
        assert!(e.contains("18-character"), "{e}");
        // A right check character over an impossible day (1949-02-30).
        let body = "11010519490230002";
        let id = format!("{body}{}", check_character(body.as_bytes()));
        let e = parse_id_card(&id).unwrap_err().to_string();
        assert!(e.contains("no real birth date"), "{e}");
    }
}
