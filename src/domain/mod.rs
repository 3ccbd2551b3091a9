//! The domain every stage works on: schools, teachers, rural needs,
//! preferences and history, resolved into one `DataSet`; ids and names as
//! compared (`key`); resident ID numbers as every output shows them
//! (`mask_id_card`, rosters.md "Personal data"). The reading of the
//! files that fill these types is `crate::read`'s.

pub mod index;
pub mod info;
pub mod teaching;
pub mod warning;

pub use teaching::{Certificate, Levels};
pub use warning::Warning;

use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Urban,
    /// 镇区 (national codes 121-123): rural unless the policy says
    /// `town_area = "urban"` (rosters.md "Values").
    Town,
    Rural,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Primary,
    Junior,
    NineYear,
}

/// A teacher's highest degree (学历), lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Education {
    /// 初中 or below (初中及以下).
    #[serde(rename = "below_secondary")]
    BelowSecondary,
    /// 中专 (and 中师, 高中, 职高): the degree a primary teacher must hold.
    Secondary,
    /// 大专: the degree a junior-secondary teacher must hold.
    Associate,
    Bachelor,
    Master,
    Doctor,
}

/// A backbone teacher's level (骨干教师级别), lowest first. Which levels
/// count as backbone is the policy's (`Policy::is_backbone`,
/// `backbone_min_level`, rules.md "Who is a backbone teacher").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backbone {
    #[default]
    None,
    /// 校级: below county, not backbone under the default policy.
    School,
    County,
    City,
    Province,
    National,
}

impl Backbone {
    /// The level as written in files and JSON: `none`, `school`, `county`,
    /// `city`, `province`, `national`.
    pub fn name(self) -> &'static str {
        match self {
            Backbone::None => "none",
            Backbone::School => "school",
            Backbone::County => "county",
            Backbone::City => "city",
            Backbone::Province => "province",
            Backbone::National => "national",
        }
    }

    /// The level in the words of a 公示 or a roster: 校级, 县级, 市级, 省级,
    /// 国家级; empty for none.
    pub fn chinese(self) -> &'static str {
        match self {
            Backbone::None => "",
            Backbone::School => "校级",
            Backbone::County => "县级",
            Backbone::City => "市级",
            Backbone::Province => "省级",
            Backbone::National => "国家级",
        }
    }

    /// A level by its English name (policy `backbone_min_level`).
    pub fn from_name(name: &str) -> Option<Backbone> {
        [
            Backbone::None,
            Backbone::School,
            Backbone::County,
            Backbone::City,
            Backbone::Province,
            Backbone::National,
        ]
        .into_iter()
        .find(|b| b.name() == name)
    }
}

/// 交流期限 (programme.md "Terms, returns and transfers"): the school
/// years a rotation lasts, or a transfer for good (调动, 县管校聘).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// Whole school years, at least 1.
    Years(u32),
    Transfer,
}

impl Default for Term {
    fn default() -> Self {
        Term::Years(1)
    }
}

impl Term {
    /// A cell or a policy value: a whole number >= 1 (`2`, `2年`, `２年`,
    /// `两年`, `三年`), or `transfer` / `调动` / `县管校聘`; `None` for
    /// anything else.
    pub fn parse(text: &str) -> Option<Term> {
        // Full-width digits (`２年`) as ASCII (rosters.md "Values": NFKC).
        let t = key(text);
        if t.eq_ignore_ascii_case("transfer") || t == "调动" || t == "县管校聘" {
            return Some(Term::Transfer);
        }
        let t = t.strip_suffix('年').unwrap_or(&t);
        // 一年 to 五年, 两年: the words a planner types for a term.
        const WORDS: [&str; 6] = ["一", "二", "三", "四", "五", "两"];
        if let Some(i) = WORDS.iter().position(|w| *w == t) {
            return Some(Term::Years(if i == 5 { 2 } else { i as u32 + 1 }));
        }
        match t.parse::<u32>() {
            Ok(n) if n >= 1 => Some(Term::Years(n)),
            _ => None,
        }
    }

    /// The last school year of a rotation from `year`: `year + n - 1`;
    /// `None` for a transfer.
    pub fn end_year(self, year: i64) -> Option<i64> {
        match self {
            Term::Years(n) => Some(year + i64::from(n) - 1),
            Term::Transfer => None,
        }
    }

    /// The value as the policy file writes it: `2` or `"transfer"`.
    pub fn key(self) -> String {
        match self {
            Term::Years(n) => n.to_string(),
            Term::Transfer => "transfer".to_string(),
        }
    }
}

/// 职务 (principals.md "Data"): the posts planned apart from the
/// teachers' rotation. Other words of the column are no post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Post {
    /// 校长 (also `principal`, 书记兼校长, 校长兼书记).
    Principal,
    /// 副校长 (also `vice-principal`).
    VicePrincipal,
}

impl Post {
    /// A 职务 cell: `Some` for 校长 or 副校长 in the words principals.md
    /// lists (English in any case), `None` for any other word.
    pub fn parse(cell: &str) -> Option<Post> {
        let word = key(cell);
        match &*word {
            "校长" | "书记兼校长" | "校长兼书记" => Some(Post::Principal),
            "副校长" => Some(Post::VicePrincipal),
            w if w.eq_ignore_ascii_case("principal") => Some(Post::Principal),
            w if w.eq_ignore_ascii_case("vice-principal") => Some(Post::VicePrincipal),
            _ => None,
        }
    }

    /// The post as plan files and rosters write it: 校长, 副校长.
    pub fn chinese(self) -> &'static str {
        match self {
            Post::Principal => "校长",
            Post::VicePrincipal => "副校长",
        }
    }
}

/// 性别 (GB/T 2261.1: 1 male, 2 female).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Male,
    Female,
}

/// 专业技术职务 after the 2015 reform (人社部发〔2015〕79号), highest first;
/// older titles map onto these when read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Title {
    /// 正高级
    SeniorPlus,
    /// 高级
    Senior,
    /// 一级
    First,
    /// 二级
    Second,
    /// 三级
    Third,
    /// 未定级 (also 无)
    None,
}

impl Title {
    /// The title as the national template writes it.
    pub fn chinese(self) -> &'static str {
        match self {
            Title::SeniorPlus => "正高级",
            Title::Senior => "高级",
            Title::First => "一级",
            Title::Second => "二级",
            Title::Third => "三级",
            Title::None => "未定级",
        }
    }
}

/// 人员状态, the national teacher system's code: 100 在本单位任职, 201-211
/// not at post (205 交流轮岗: away on rotation), 299 其他.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct PostStatus(pub u16);

impl PostStatus {
    /// Away on rotation already (交流轮岗).
    pub const AWAY: PostStatus = PostStatus(205);

    /// The code's name in the national system, `None` for an unknown code.
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            100 => "在本单位任职",
            201 => "借出到机关",
            202 => "借出到事业单位",
            203 => "长病假",
            204 => "进修",
            205 => "交流轮岗",
            206 => "企业实践",
            207 => "因公出国",
            208 => "离岗创业",
            209 => "待退休",
            210 => "待岗",
            211 => "下落不明",
            299 => "其他",
            _ => return None,
        })
    }

    /// The words of leave bureaus write that are no code of the national
    /// system (fit.md "Words bureaus use": 产假, 孕期, 哺乳期), held as
    /// codes 901-903, outside the national range, and never shown as codes.
    pub const LEAVE_WORDS: [&'static str; 3] = ["产假", "孕期", "哺乳期"];

    /// The status of a word of `LEAVE_WORDS`, `None` for another word.
    pub fn of_leave_word(word: &str) -> Option<PostStatus> {
        let i = Self::LEAVE_WORDS.iter().position(|w| *w == word)?;
        Some(PostStatus(901 + i as u16))
    }

    /// The word of a status read from `LEAVE_WORDS`, `None` for a code of
    /// the national system.
    pub fn leave_word(self) -> Option<&'static str> {
        let i = usize::from(self.0.checked_sub(901)?);
        Self::LEAVE_WORDS.get(i).copied()
    }

    /// What the status is called: the national name of its code, or the
    /// leave word it was read from (an eligibility reason's detail).
    pub fn detail(self) -> &'static str {
        self.name().or(self.leave_word()).unwrap_or_default()
    }

    /// Not at post (rules.md: 201-204 and 206-211; fit.md: the leave
    /// words 产假, 孕期, 哺乳期).
    pub fn not_at_post(self) -> bool {
        matches!(self.0, 201..=204 | 206..=211) || self.leave_word().is_some()
    }
}

#[derive(Debug, Clone)]
pub struct School {
    pub id: String,
    pub name: String,
    pub area: Area,
    pub quality: bool,
    pub level: Option<Level>,
    pub students: Option<u32>,
    pub district: String,
    /// (latitude, longitude) in degrees.
    pub location: Option<(f64, f64)>,
    /// 薄弱学校: receives teachers when the policy's `receivers` has "weak".
    pub weak: bool,
    /// 教育集团 / 学区; empty when none (each such school is a group of its
    /// own for `scope = "group"`; for `within_group` empty matches empty).
    pub group: String,
}

impl School {
    /// Whether some policy lets the school receive teachers: rural (or
    /// weak) and not a quality school. Which schools do is the policy's
    /// (`Policy::is_receiving`, rules.md "Where teachers may go").
    pub fn may_receive(&self) -> bool {
        !self.quality && (self.area != Area::Urban || self.weak)
    }
}

/// A teacher as read from teachers.csv. A province has 600,000 of them,
/// so every byte here counts: the columns most rosters leave empty live
/// in `details`, read through the methods below.
#[derive(Debug, Clone, Default)]
pub struct Teacher {
    pub id: String,
    pub name: String,
    /// Index into `DataSet::schools`.
    pub school: usize,
    /// Shared: a province has 600,000 teachers and a dozen subjects.
    pub subject: Arc<str>,
    pub backbone: Backbone,
    pub years_at_school: Option<u32>,
    pub age: Option<u32>,
    pub eligible: Option<bool>,
    /// `None` when the `education` column is absent or the cell empty.
    pub education: Option<Education>,
    /// 任教学段: the level taught, when the roster says (fit.md "Teaching
    /// level"); else the school's (`DataSet::teacher_levels`).
    pub section: Option<Level>,
    /// 教师资格种类 (`DataSet::qualification`).
    pub certificate: Option<Certificate>,
    pub sex: Option<Sex>,
    /// From `birth_date`, else from `id_card`.
    pub birth_date: Option<chrono::NaiveDate>,
    pub title: Option<Title>,
    pub status: Option<PostStatus>,
    /// 是否在编; `None` when not given (counts as established).
    pub established: Option<bool>,
    /// 指定交流学校: the school index the teacher is pinned to.
    pub assign_to: Option<usize>,
    /// 必须交流.
    pub must_rotate: bool,
    /// The line (or sheet row) of teachers.csv the teacher was read from,
    /// for checks that need the policy (`eligibility::check_dates`).
    pub line: u32,
    /// `None` when the teacher has none of `Details` (the usual case).
    pub details: Option<Box<Details>>,
}

/// The cells of a teacher that most rosters leave empty, kept out of line
/// (`Teacher::details`) so that a teacher without them costs one pointer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details {
    pub exempt: Option<String>,
    /// The 18-character resident ID number, whole: never written out
    /// whole (see `mask_id_card`).
    pub id_card: Option<String>,
    /// 进本校年月: gives years at the school at the policy's `as_of`.
    pub school_entry: Option<chrono::NaiveDate>,
    /// 参加工作年月.
    pub work_start: Option<chrono::NaiveDate>,
    /// The exemption holds while `as_of` is on or before this day.
    pub exempt_until: Option<chrono::NaiveDate>,
    /// The cells of the extra columns the policy's rules filter on, in
    /// the order of `DataSet::extra_columns` (trimmed, NFKC); empty when
    /// every one of them is (`Teacher::extra`).
    pub extra: Vec<String>,
    /// teachers.csv `term_years` (交流期限): this teacher's term, instead
    /// of the policy's (programme.md).
    pub term: Option<Term>,
    /// teachers.csv `volunteer` (自愿报名; programme.md "Who goes first").
    pub volunteer: bool,
    /// teachers.csv `points` (积分), 0 when empty.
    pub points: f64,
    /// Pinned `must_rotate` by `must_rotate_after_years`, not by the
    /// roster (programme.md "Must rotate").
    pub pinned_after_years: bool,
    /// teachers.csv `post` (职务; principals.md "Data").
    pub post: Option<Post>,
    /// `post_start` (任现职时间): the day the teacher took the post.
    pub post_start: Option<chrono::NaiveDate>,
    /// `post_years` (任现职年限): whole years in the post at `as_of`.
    pub post_years: Option<u32>,
}

impl Details {
    /// The details boxed, or `None` when there are none to keep (extra
    /// cells that are all empty count as none).
    pub fn boxed(mut self) -> Option<Box<Details>> {
        if self.extra.iter().all(String::is_empty) {
            self.extra = Vec::new();
        }
        (self != Details::default()).then(|| Box::new(self))
    }
}

impl Teacher {
    /// 免交流原因, when given.
    pub fn exempt(&self) -> Option<&str> {
        self.details.as_ref()?.exempt.as_deref()
    }

    /// The resident ID number, whole (see `Details::id_card`).
    pub fn id_card(&self) -> Option<&str> {
        self.details.as_ref()?.id_card.as_deref()
    }

    /// 进本校年月, when given.
    pub fn school_entry(&self) -> Option<chrono::NaiveDate> {
        self.details.as_ref()?.school_entry
    }

    /// 参加工作年月, when given.
    pub fn work_start(&self) -> Option<chrono::NaiveDate> {
        self.details.as_ref()?.work_start
    }

    /// The day the exemption ends, when given.
    pub fn exempt_until(&self) -> Option<chrono::NaiveDate> {
        self.details.as_ref()?.exempt_until
    }

    /// teachers.csv's `term_years`, when given.
    pub fn term(&self) -> Option<Term> {
        self.details.as_ref()?.term
    }

    /// Whether `must_rotate_after_years` pinned the teacher.
    pub fn pinned_after_years(&self) -> bool {
        self.details.as_ref().is_some_and(|d| d.pinned_after_years)
    }

    /// teachers.csv's `volunteer` (自愿报名): false when empty.
    pub fn volunteer(&self) -> bool {
        self.details.as_ref().is_some_and(|d| d.volunteer)
    }

    /// teachers.csv's `post` (职务), when 校长 or 副校长.
    pub fn post(&self) -> Option<Post> {
        self.details.as_ref()?.post
    }

    /// `post_start` (任现职时间), when given.
    pub fn post_start(&self) -> Option<chrono::NaiveDate> {
        self.details.as_ref()?.post_start
    }

    /// `post_years` (任现职年限), when given.
    pub fn post_years(&self) -> Option<u32> {
        self.details.as_ref()?.post_years
    }

    /// teachers.csv's `points` (积分): 0 when empty.
    pub fn points(&self) -> f64 {
        self.details.as_ref().map_or(0.0, |d| d.points)
    }

    /// The teacher's cell in extra column `i` (as `DataSet::extra_columns`),
    /// empty when blank.
    pub fn extra(&self, i: usize) -> &str {
        self.details
            .as_ref()
            .and_then(|d| d.extra.get(i))
            .map_or("", String::as_str)
    }

    /// The details to change, created empty when there were none.
    pub fn details_mut(&mut self) -> &mut Details {
        self.details.get_or_insert_with(Box::default)
    }
}

/// A receiving school's need for teachers of one subject.
#[derive(Debug, Clone)]
pub struct RuralNeed {
    pub school: usize,
    pub subject: String,
    pub count: u32,
    pub weight: f64,
    /// 学段: the level the need is for, when needs.csv says (fit.md
    /// "Teaching level"); else the school's (`DataSet::need_levels`).
    pub level: Option<Level>,
    /// The need's line in needs.csv (or its row in a workbook).
    pub line: u32,
    /// needs.csv `year` (年度): the plan year the row applies in; `None`
    /// for every year (programme.md).
    pub year: Option<i64>,
}

impl DataSet {
    /// Keeps the needs that apply in plan year `year` (programme.md): the
    /// rows without a year, and those of that year, a row of the year
    /// added to the one without for the same school, subject and level.
    pub fn keep_needs_of(&mut self, year: i64) {
        let Some(needs) = &mut self.needs else {
            return;
        };
        if needs.iter().all(|n| n.year.is_none()) {
            return;
        }
        needs.retain(|n| n.year.is_none_or(|y| y == year));
        let mut kept: Vec<RuralNeed> = Vec::with_capacity(needs.len());
        let mut at: FxHashMap<(usize, String, Option<Level>), usize> = FxHashMap::default();
        for need in needs.drain(..) {
            match at.entry((need.school, need.subject.clone(), need.level)) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    kept[*e.get()].count += need.count;
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(kept.len());
                    kept.push(need);
                }
            }
        }
        *needs = kept;
    }
}

#[derive(Debug, Clone)]
pub struct Preference {
    pub teacher: usize,
    pub school: usize,
    pub rank: u32,
}

#[derive(Debug, Clone)]
pub struct PastRotation {
    pub teacher: usize,
    /// The school year the stint started.
    pub year: i64,
    pub school: Option<usize>,
    /// 结束年度: the last school year of the stint, when given.
    pub end_year: Option<i64>,
    /// 交流形式 (支教, 调动, ...), free text.
    pub form: Option<String>,
    /// A move for good (a plan file's `transfer`, programme.md): the
    /// teacher belongs to `school` since; never away, never a return.
    pub transfer: bool,
}

/// A whole data set, with the ids resolved to indices.
#[derive(Debug, Clone, Default)]
pub struct DataSet {
    pub schools: Vec<School>,
    pub teachers: Vec<Teacher>,
    /// `None` when no needs.csv was given (audit then skips `over_need`).
    pub needs: Option<Vec<RuralNeed>>,
    pub preferences: Vec<Preference>,
    pub history: Vec<PastRotation>,
    /// Id (as compared, `key`) -> index; look up with `school_by_id` and
    /// `teacher_by_id`. FxHash: ids are not attacker-chosen keys, and
    /// SipHash was a visible share of loading a province.
    pub school_index: FxHashMap<String, usize>,
    /// Holds positions only: the ids are the teachers' own.
    pub teacher_index: index::IdIndex,
    /// School name (as compared) -> the school or schools of that name,
    /// for files that name a school instead of giving its id.
    pub school_names: FxHashMap<String, Found>,
    /// Resident ID number -> the teacher or teachers with it, for plans
    /// that name teachers by 身份证件号.
    pub id_cards: FxHashMap<String, Found>,
    /// Subject (as compared) -> its first spelling, which every teacher and
    /// need of that subject carries.
    pub subjects: FxHashMap<String, Arc<str>>,
    /// The roster has no `id`: each teacher's id is the ID number, which
    /// only plan files show whole (rosters.md "Personal data").
    pub ids_are_id_cards: bool,
    /// The schools and teachers files as read (`teachers.xlsx`), for
    /// messages; empty for a data set built in memory.
    pub schools_file: String,
    pub teachers_file: String,
    /// What a planner should know about how the files were read (a
    /// template column ignored, ...), for `check`.
    pub warnings: Vec<Warning>,
    /// Where the teachers' ages came from, each teacher counted once.
    pub ages_from: AgeSources,
    /// The teachers.csv columns the policy's rules filter on
    /// (`column = { name = ... }`), as the rules name them.
    pub extra_columns: Vec<String>,
    /// How each input file was read (encoding, separator or sheet, header
    /// row, columns, rows read and skipped), in reading order, for `check`.
    pub files: Vec<info::FileInfo>,
    /// `plan --baseline` (papers.md "Objections and changes"): each
    /// teacher's receiving school in the baseline plan (`None`: not in
    /// it), by teacher index. `None` without a baseline; with one, the
    /// plan's first objective is the fewest changes against it.
    pub baseline: Option<Vec<Option<usize>>>,
}

/// Where the teachers' ages came from, each teacher counted once (fit.md:
/// "`check` says where each age came from without counting a teacher
/// twice"): the `birth_date` column, else the ID number's birth date,
/// else the `age` column. A teacher with none of them is not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct AgeSources {
    /// Ages from the `age` column (the teacher has no birth date).
    pub age: u64,
    /// Ages from the `birth_date` column.
    pub birth_date: u64,
    /// Ages from the ID number's birth date (`birth_date` empty).
    pub id_card: u64,
}

/// What a name or an ID number stands for: one row, or more than one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    One(usize),
    Many,
}

impl Found {
    /// Notes row `index` under `key` in `map`.
    pub(crate) fn note(map: &mut FxHashMap<String, Found>, key: String, index: usize) {
        map.entry(key)
            .and_modify(|f| *f = Found::Many)
            .or_insert(Found::One(index));
    }
}

/// Ids, school names and subjects as compared (rosters.md "Values"): NFKC,
/// without any white space, so that `语　文`, `语 文` and `语文` are one
/// subject and `ＳＣ０１` is `SC01`. Outputs keep the first spelling met.
pub fn key(s: &str) -> Cow<'_, str> {
    // Most ids, names and subjects are already in that form (visible
    // ASCII, or Chinese without spaces): borrowed, not copied. Visible
    // ASCII and the CJK Unified Ideographs (U+4E00-U+9FFF, which NFKC
    // leaves alone) are told apart without the normalisation tables: a
    // province asks for a key of every teacher's subject.
    let plain = |c: char| c.is_ascii_graphic() || ('\u{4e00}'..='\u{9fff}').contains(&c);
    if s.bytes().all(|b| b.is_ascii_graphic())
        || s.chars().all(plain)
        || (!s.contains(char::is_whitespace)
            && unicode_normalization::is_nfkc_quick(s.chars())
                == unicode_normalization::IsNormalized::Yes)
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.nfkc().filter(|c| !c.is_whitespace()).collect())
}

/// A resident ID number as every output and message shows it (rosters.md
/// "Personal data"): the first 4 and last 4 characters kept, each other
/// one `*` (`3301**********123X`). Text of 8 characters or fewer, which
/// cannot be shown in part, is all `*`.
pub fn mask_id_card(s: &str) -> String {
    let n = s.chars().count();
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if n > 8 && (i < 4 || i >= n - 4) {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// `text` with every resident ID number in it masked as `mask_id_card`
/// does (papers.md "What a message may hold"): each run of 17 ASCII
/// digits and a digit or `X` (the second generation), each run of 15
/// digits (the first, rosters.md "15-digit ID numbers"), each run of 16
/// (one cut short) and each longer run of digits, which may hold one,
/// wherever it stands, glued to letters
/// (`T33010219750312123X`) or not. What every output and message goes
/// through (plan files excepted), so that no ID number is shown whole,
/// nor ten of its characters in a row. Digits after a decimal point that
/// follows a digit are a fraction (a JSON number), not an ID number.
pub fn mask_id_cards(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut out: Option<String> = None;
    let mut done = 0; // bytes of `text` already in `out`
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let digits = i - start;
        if digits == 17 && b.get(i).is_some_and(|&c| c == b'X' || c == b'x') {
            i += 1;
        }
        let fraction = start >= 2 && b[start - 1] == b'.' && b[start - 2].is_ascii_digit();
        if !fraction && digits >= 15 {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[done..start]);
            o.push_str(&mask_id_card(&text[start..i]));
            done = i;
        }
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(&text[done..]);
            Cow::Owned(o)
        }
    }
}

impl DataSet {
    /// The district of a school.
    pub fn district_of(&self, school: usize) -> &str {
        &self.schools[school].district
    }

    /// The school file's name for messages (`schools.xlsx`; `schools.csv`
    /// for a data set built in memory).
    pub fn schools_file(&self) -> &str {
        non_empty(&self.schools_file, "schools.csv")
    }

    /// The teacher file's name for messages, as `schools_file`.
    pub fn teachers_file(&self) -> &str {
        non_empty(&self.teachers_file, "teachers.csv")
    }

    /// The school with id `id` (compared as `key`).
    pub fn school_by_id(&self, id: &str) -> Option<usize> {
        self.school_index.get(&*key(id)).copied()
    }

    /// The teacher with id `id` (compared as `key`).
    pub fn teacher_by_id(&self, id: &str) -> Option<usize> {
        self.teacher_index.get(&self.teachers, id)
    }

    /// The school or schools `text` names: the one with that id, else
    /// those with that name; `None` when there is none.
    pub fn find_school(&self, text: &str) -> Option<Found> {
        let k = key(text);
        match self.school_index.get(&*k) {
            Some(&s) => Some(Found::One(s)),
            None => self.school_names.get(&*k).copied(),
        }
    }
}

/// `s`, or `default` when `s` is empty.
fn non_empty<'a>(s: &'a str, default: &'a str) -> &'a str {
    if s.is_empty() { default } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_id_cards_keep_four_and_four() {
        assert_eq!(mask_id_card("33010219750312123X"), "3301**********123X");
        assert_eq!(mask_id_card("123456789"), "1234*6789");
        assert_eq!(mask_id_card("12345678"), "********");
        assert_eq!(mask_id_card(""), "");
    }

    #[test]
    fn id_numbers_in_text_are_masked() {
        let text = "teacher 33010219750312123X: see 11010519491231002x, T33010219750312123X, \
                    330102197503121234567, 330102750312123 and 身份证11010519491231002X号";
        assert_eq!(
            mask_id_cards(text),
            "teacher 3301**********123X: see 1101**********002x, T3301**********123X, \
             3301*************4567, 3301*******2123 and 身份证1101**********002X号"
        );
        // Ten or more digits in a row are never an ID's whole or part
        // shown: shorter runs stay (a phone number, a 工号).
        assert_eq!(
            mask_id_cards("13812345678 T0000001"),
            "13812345678 T0000001"
        );
        assert!(matches!(mask_id_cards("T001 -> N01"), Cow::Borrowed(_)));
        // A JSON number's 18 decimals are not an ID number.
        assert_eq!(
            mask_id_cards("{\"cv\": 0.057735026918962616}"),
            "{\"cv\": 0.057735026918962616}"
        );
    }

    #[test]
    fn terms_as_planners_type_them() {
        for (text, term) in [
            ("2", Some(Term::Years(2))),
            ("２年", Some(Term::Years(2))),
            ("两年", Some(Term::Years(2))),
            ("三年", Some(Term::Years(3))),
            (" 1 年", Some(Term::Years(1))),
            ("调动", Some(Term::Transfer)),
            ("0年", None),
            ("2.5年", None),
            ("永久调动", None),
        ] {
            assert_eq!(Term::parse(text), term, "{text}");
        }
    }

    #[test]
    fn a_teacher_stays_small() {
        // A province has 600,000 teachers: 8 bytes more each is 5 MB.
        let size = std::mem::size_of::<Teacher>();
        assert!(size <= 136, "Teacher is {size} bytes");
    }

    #[test]
    fn keys_ignore_white_space_and_width() {
        assert_eq!(key("语\u{3000}文"), "语文");
        assert_eq!(key(" 语 文\u{a0}"), "语文");
        assert_eq!(key("ＳＣ０１"), "SC01");
        assert!(matches!(key("语文"), Cow::Borrowed(_)));
        assert!(matches!(key("T001"), Cow::Borrowed(_)));
        assert!(matches!(key("体育与健康G9"), Cow::Borrowed(_)));
        // A compatibility ideograph (U+F900) is not borrowed: NFKC maps it.
        assert_eq!(key("\u{f900}"), "\u{8c48}");
    }
}
