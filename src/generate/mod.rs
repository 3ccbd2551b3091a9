//! Seeded generator of realistic teacher-rotation data sets.
//!
//! Real county rosters hold personal data and cannot be shipped, yet the
//! bundled sample in `data/` and the benchmarks need inputs whose *shape*
//! matches what a county education bureau actually has: big urban schools
//! and small rural ones, a realistic subject mix, a fifth of sending-school
//! staff being backbone teachers, most of them long in post, and rural needs
//! sized so that the 10 % rotation rule is feasible with some margin. Solver
//! behaviour and timings measured on such data carry over to real counties.
//!
//! That is the `easy` shape, and a county that only has easy data never
//! learns what its plan costs. The `hard` shape is drawn after
//! `tests/cases/hard-county`, a county where the objectives pull apart
//! (objectives.md): small rural schools that already have more teachers,
//! backbone and sports/arts teachers per 100 students than the big urban
//! ones, so that every teacher sent there raises the student-weighted CVs;
//! rural needs leaning to English, music, art, PE and IT; and more IT need
//! than the district has teachers of IT who could go, so some need stays
//! unfilled whatever the plan.
//!
//! Everything is drawn from one `ChaCha8Rng` seeded with the caller's seed and
//! consumed in a fixed order, and nothing iterates a hash map, so the same
//! seed always yields byte-identical files. Teachers' degrees (the later
//! `education` column) come from a second generator, so that adding them
//! left every other value of a seed as it was; the posts (`post`,
//! `post_years`: a 校长 per school, on a row of their own with an id of
//! their own, `P` and the school's id, and a 副校长 among the teachers of
//! the larger schools) from a third, for the same reason. Each district is generated and
//! written on its own, so memory stays small even for the province size.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::Path;
use std::str::FromStr;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// How large a data set to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// One district, 4,000-6,000 teachers: the bundled sample.
    County,
    /// Ten districts of about 6,000 teachers each.
    City,
    /// One hundred districts, about 600,000 teachers: the stress benchmark.
    Province,
}

impl FromStr for Size {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "county" => Ok(Size::County),
            "city" => Ok(Size::City),
            "province" => Ok(Size::Province),
            _ => Err(crate::msg!("cli-generate-unknown-size", size = s).to_string()),
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Size::County => "county",
            Size::City => "city",
            Size::Province => "province",
        })
    }
}

/// What kind of county to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// Rural need that the district can fill with margin, backbone teachers
    /// concentrated in the sending schools: the bundled sample.
    #[default]
    Easy,
    /// Shaped like `tests/cases/hard-county`: need the district cannot all
    /// fill, small rural schools already richer in teachers per student.
    Hard,
}

impl FromStr for Shape {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "easy" => Ok(Shape::Easy),
            "hard" => Ok(Shape::Hard),
            _ => Err(crate::msg!("cli-generate-unknown-shape", shape = s).to_string()),
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Shape::Easy => "easy",
            Shape::Hard => "hard",
        })
    }
}

impl Size {
    fn districts(self) -> usize {
        match self {
            Size::County => 1,
            Size::City => 10,
            Size::Province => 100,
        }
    }

    /// The easy county sample is a typical mid-sized county; the districts of
    /// the bigger sets are slightly larger so that they reach ~6,000 teachers
    /// each. Hard districts are the hard county's size at every scale.
    fn landscape(self, shape: Shape) -> Landscape {
        let easy = |urban, quality, receiving, teachers| Landscape {
            urban,
            quality,
            rural_quality: (1, 2),
            receiving,
            teachers,
            per_town: 4,
            staff: [(150, 250), (100, 250), (60, 110), (30, 60), (20, 35)],
            pupils_per_teacher: [(15.0, 20.0), (15.0, 20.0)],
            backbone: [0.26, 0.10, 0.05],
            shape,
        };
        match (shape, self) {
            (Shape::Easy, Size::County) => easy((15, 17), (4, 4), (40, 50), (4_000, 6_000)),
            (Shape::Easy, Size::City | Size::Province) => {
                easy((18, 21), (4, 5), (46, 56), (5_000, 7_000))
            }
            // hard-county: 31 urban schools (4 of them quality) of 50-176
            // teachers at 5.3-7.7 per 100 students, 6 rural quality schools,
            // 62 receiving schools of 14-56 teachers at 7.1-14.3 per 100
            // students, backbone titles about as common in the countryside
            // (13 %) as in town (11-14 %).
            (Shape::Hard, _) => Landscape {
                urban: (24, 28),
                quality: (10, 12),
                rural_quality: (5, 7),
                receiving: (60, 66),
                teachers: (5_400, 6_600),
                per_town: 5,
                staff: [(100, 180), (55, 185), (40, 100), (25, 56), (14, 30)],
                pupils_per_teacher: [(13.0, 19.0), (7.0, 14.0)],
                backbone: [0.15, 0.06, 0.14],
                shape,
            },
        }
    }
}

/// Counts of what was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub districts: usize,
    pub schools: usize,
    pub teachers: usize,
    /// Number of rows in needs.csv.
    pub needs: usize,
    /// Sum of the `count` column of needs.csv.
    pub need_total: u64,
}

/// Writes schools.csv, teachers.csv, needs.csv, preferences.csv, history.csv into `dir` (creating it).
pub fn generate(size: Size, shape: Shape, seed: u64, dir: &Path) -> io::Result<Summary> {
    fs::create_dir_all(dir)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut degrees = ChaCha8Rng::seed_from_u64(seed ^ DEGREE_STREAM);
    let mut posts = ChaCha8Rng::seed_from_u64(seed ^ POST_STREAM);
    let mut out = Writers::create(dir)?;
    let names = NamePool::new();
    let landscape = size.landscape(shape);
    let count = size.districts();
    let district_names = district_names(count);
    let centres = district_centres(&mut rng, count);
    // D01S001 for up to 99 districts, D001S001 for the province.
    let id_width = count.to_string().len().max(2);

    let mut summary = Summary::default();
    let mut next_teacher = 1;
    for (index, (name, centre)) in district_names.iter().zip(centres).enumerate() {
        let district = District {
            id: format!("D{:0width$}", index + 1, width = id_width),
            name,
            centre,
        };
        write_district(
            (&mut rng, &mut degrees, &mut posts),
            &mut out,
            &names,
            &landscape,
            &district,
            &mut next_teacher,
            &mut summary,
        )?;
    }
    out.finish()?;
    summary.districts = count;
    Ok(summary)
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

/// Subjects in a fixed order; a subject's index is its id everywhere below.
const SUBJECTS: [&str; 14] = [
    "语文",
    "数学",
    "英语",
    "物理",
    "化学",
    "生物",
    "历史",
    "地理",
    "道德与法治",
    "科学",
    "音乐",
    "体育",
    "美术",
    "信息技术",
];
const N_SUBJECTS: usize = SUBJECTS.len();

/// Staff share (per cent) of each subject, in `SUBJECTS` order. A zero means
/// the subject is not taught at that level: 物理/化学/生物/历史/地理 are
/// junior-secondary subjects, 科学 is the primary-school science course.
const PRIMARY_MIX: [u32; N_SUBJECTS] = [30, 25, 10, 0, 0, 0, 0, 0, 5, 6, 6, 8, 6, 4];
const JUNIOR_MIX: [u32; N_SUBJECTS] = [16, 16, 15, 8, 6, 5, 5, 5, 6, 0, 3, 9, 3, 3];
const NINE_YEAR_MIX: [u32; N_SUBJECTS] = [23, 21, 12, 4, 3, 3, 3, 2, 6, 3, 4, 8, 4, 4];

/// Real county-level district and county names of eastern China, so that
/// the sample reads like the real thing. The first ten are neighbours, which
/// makes the city-sized set look like one prefecture.
#[rustfmt::skip]
const DISTRICT_NAMES: &[&str] = &[
    "大丰区", "亭湖区", "盐都区", "射阳县", "建湖县", "阜宁县", "滨海县", "响水县", "如东县", "海门区",
    "通州区", "姜堰区", "宝应县", "江都区", "邗江区", "洪泽区", "涟水县", "盱眙县", "金湖县", "沭阳县",
    "泗阳县", "泗洪县", "宿豫区", "睢宁县", "沛县", "丰县", "铜山区", "贾汪区", "赣榆区", "东海县",
    "灌云县", "灌南县", "溧水区", "高淳区", "金坛区", "淳安县", "桐庐县", "临安区", "富阳区", "德清县",
    "长兴县", "安吉县", "嘉善县", "海盐县", "新昌县", "柯桥区", "上虞区", "天台县", "仙居县", "三门县",
    "磐安县", "浦江县", "武义县", "开化县", "常山县", "龙游县", "遂昌县", "松阳县", "缙云县", "青田县",
    "文成县", "泰顺县", "永嘉县", "苍南县", "平阳县", "肥东县", "肥西县", "长丰县", "庐江县", "舒城县",
    "霍山县", "金寨县", "寿县", "凤台县", "怀远县", "五河县", "固镇县", "灵璧县", "泗县", "萧县",
    "砀山县", "歙县", "休宁县", "黟县", "祁门县", "泾县", "旌德县", "绩溪县", "郎溪县", "宣州区",
    "南陵县", "含山县", "和县", "当涂县", "望江县", "太湖县", "宿松县", "岳西县", "怀宁县", "沂水县",
    "沂南县", "蒙阴县", "平邑县", "费县", "郯城县", "莒县", "五莲县", "临朐县", "昌乐县", "婺源县",
    "浮梁县",
];

/// Common surnames with rough relative frequencies (per mille of population).
#[rustfmt::skip]
const SURNAMES: &[(&str, u32)] = &[
    ("王", 72), ("李", 72), ("张", 68), ("刘", 54), ("陈", 46), ("杨", 31), ("黄", 23), ("赵", 22),
    ("吴", 21), ("周", 21), ("徐", 17), ("孙", 15), ("马", 15), ("朱", 14), ("胡", 13), ("郭", 12),
    ("何", 12), ("林", 11), ("高", 11), ("罗", 10), ("郑", 9), ("梁", 8), ("谢", 8), ("宋", 8),
    ("唐", 8), ("许", 7), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 6), ("彭", 6), ("曾", 6),
    ("肖", 6), ("田", 5), ("董", 5), ("潘", 5), ("袁", 5), ("蔡", 5), ("蒋", 5), ("余", 5),
    ("于", 5), ("杜", 4), ("叶", 4), ("程", 4), ("魏", 4), ("苏", 4), ("吕", 4), ("丁", 4),
    ("任", 4), ("沈", 4), ("姚", 4), ("卢", 4), ("姜", 3), ("崔", 3), ("钟", 3), ("谭", 3),
    ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3),
    ("顾", 3), ("韦", 2), ("葛", 2), ("欧阳", 1),
];

/// Characters used in given names.
const GIVEN_CHARS: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文建国红志海云燕玲婷雪梅\
辉鹏飞斌宇浩凯俊峰晨欣怡佳琳颖慧晶倩莉萍丹彤瑶婧璐蕾昊博翔鑫亮健宁坤波旭阳春晓冬青立新永正德成荣庆思雨嘉睿若梓";

/// Syllables for town (镇/乡) and village names such as 草堰镇 or 丁溪.
const TOWN_HEADS: &str =
    "草白刘新大小万三西南东北安永长丰兴古沙龙青石黄金桃柳梅杨马牛高双陈何周洪平";
const TOWN_TAILS: &str = "堰驹庄集桥港河湖店埠口岗圩坝墩塘沟渡泽湾坊营寨垛楼林墅冲滩溪铺";
const VILLAGE_HEADS: &str = "丁溪团宋许张吴沈朱蒋徐孙胡季陶唐俞钱施严华顾裴卞戴范潘";
const VILLAGE_TAILS: &str = "舍庄埝垛湾墩桥港河圩沟园湖岭";

/// The named flagship schools of a county seat and their levels.
const URBAN_QUALITY: [(&str, Level); 5] = [
    ("实验小学", Level::Primary),
    ("实验初级中学", Level::Junior),
    ("外国语学校", Level::NineYear),
    ("第二实验小学", Level::Primary),
    ("师范附属小学", Level::Primary),
];

/// Reasons for a rotation exemption, as written in the exempt column.
const SICK_LEAVE: &str = "病假";
const MATERNITY: &str = "孕期哺乳期";
const NEAR_RETIREMENT: &str = "临近退休";
const AID_POSTING: &str = "援藏援疆";

/// Years at one school from which rotation is expected; used to size needs.
const QUOTA_YEARS: u32 = 6;
/// The planning year is 2026, so past rotations lie in 2018..=2025.
const FIRST_HISTORY_YEAR: u32 = 2018;
const LAST_HISTORY_YEAR: u32 = 2025;

// Limits on what a receiving school asks for.
const MIN_NEED_SUBJECTS: usize = 2;
const MAX_NEED_SUBJECTS: usize = 6;
const MAX_NEED_COUNT: u32 = 4;

// ---------------------------------------------------------------------------
// Model of one district
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Area {
    Urban,
    Rural,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Primary,
    Junior,
    NineYear,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Primary => "primary",
            Level::Junior => "junior",
            Level::NineYear => "nine-year",
        }
    }

    fn subject_mix(self) -> &'static [u32; N_SUBJECTS] {
        match self {
            Level::Primary => &PRIMARY_MIX,
            Level::Junior => &JUNIOR_MIX,
            Level::NineYear => &NINE_YEAR_MIX,
        }
    }

    fn teaches(self, subject: usize) -> bool {
        self.subject_mix()[subject] > 0
    }
}

/// Ranges (inclusive) that describe a district's school landscape.
struct Landscape {
    /// Ordinary urban schools.
    urban: (usize, usize),
    /// Quality schools, urban and rural together.
    quality: (usize, usize),
    /// How many of the quality schools lie in a rural town.
    rural_quality: (usize, usize),
    /// Rural non-quality schools, the ones that receive rotating teachers.
    receiving: (usize, usize),
    /// Accepted range for the district's teacher total.
    teachers: (u32, u32),
    /// Rural schools per town: a central primary school, a junior school, a
    /// nine-year school, then village primary schools.
    per_town: usize,
    /// Teachers per school: urban quality, ordinary urban, rural quality,
    /// town (central, junior, nine-year) and village schools.
    staff: [(u32, u32); 5],
    /// Students per teacher (half-open ranges): at sending schools, at
    /// receiving schools.
    pupils_per_teacher: [(f64, f64); 2],
    /// Chance of a backbone title: sending-school staff long in post, the
    /// sending schools' recent arrivals, rural receiving-school staff.
    backbone: [f64; 3],
    /// Which needs are asked: with margin (easy) or beyond supply (hard).
    shape: Shape,
}

struct District<'a> {
    id: String,
    name: &'a str,
    /// (lat, lon) of the county seat.
    centre: (f64, f64),
}

/// A school before it is named and placed.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// Index into `URBAN_QUALITY`.
    UrbanQuality(usize),
    Urban(Level),
    /// A school of a rural town. Role 0 is the town's central primary school
    /// (the one that can be a quality school), 1 its junior school, 2 its
    /// nine-year school, 3 and up village primary schools.
    Rural {
        town: usize,
        role: usize,
        quality: bool,
    },
}

impl Slot {
    fn area(self) -> Area {
        match self {
            Slot::UrbanQuality(_) | Slot::Urban(_) => Area::Urban,
            Slot::Rural { .. } => Area::Rural,
        }
    }

    fn is_quality(self) -> bool {
        match self {
            Slot::UrbanQuality(_) => true,
            Slot::Urban(_) => false,
            Slot::Rural { quality, .. } => quality,
        }
    }

    fn level(self) -> Level {
        match self {
            Slot::UrbanQuality(i) => URBAN_QUALITY[i].1,
            Slot::Urban(level) => level,
            Slot::Rural { role, .. } => match role {
                1 => Level::Junior,
                2 => Level::NineYear,
                _ => Level::Primary,
            },
        }
    }

    /// Urban schools are large, town schools middling, village schools
    /// small; `staff` gives the ranges in that order (`Landscape::staff`).
    fn draw_size<R: Rng>(self, rng: &mut R, staff: &[(u32, u32); 5]) -> u32 {
        let (low, high) = match self {
            Slot::UrbanQuality(_) => staff[0],
            Slot::Urban(_) => staff[1],
            Slot::Rural { quality: true, .. } => staff[2],
            Slot::Rural { role: 0..=2, .. } => staff[3],
            Slot::Rural { .. } => staff[4],
        };
        rng.gen_range(low..=high)
    }
}

#[derive(Debug, Clone)]
struct School {
    id: String,
    name: String,
    area: Area,
    quality: bool,
    level: Level,
    teachers: u32,
    students: u32,
    lat: f64,
    lon: f64,
}

impl School {
    /// Urban schools and quality schools send teachers out.
    fn is_sending(&self) -> bool {
        self.area == Area::Urban || self.quality
    }

    /// Rural non-quality schools receive them.
    fn is_receiving(&self) -> bool {
        !self.is_sending()
    }
}

/// What later steps need to know about a sending-school teacher.
struct Staff {
    number: u32,
    school: usize,
    subject: usize,
    years: u32,
    exempt: bool,
    /// Marked eligible (`是`) though recently arrived.
    volunteer: bool,
}

impl Staff {
    /// Counts towards the base of the 10 % rule (long enough in post, not exempt).
    fn in_quota_base(&self) -> bool {
        self.years >= QUOTA_YEARS && !self.exempt
    }

    /// Could be eligible under the default policy (six years in post,
    /// exemptions honoured): no one outside the quota base rotates unless
    /// marked eligible.
    fn may_rotate(&self) -> bool {
        self.in_quota_base() || self.volunteer
    }
}

struct Need {
    school: usize,
    subject: usize,
    count: u32,
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

type CsvOut = csv::Writer<BufWriter<File>>;

/// The files `generate` writes in its folder.
pub const FILES: [&str; 5] = [
    "schools.csv",
    "teachers.csv",
    "needs.csv",
    "preferences.csv",
    "history.csv",
];

/// The five files, each written to a temporary file beside its place and
/// renamed there only when all are complete (`finish`): a folder gets the
/// whole data set or keeps what it had, and a symbolic link at a file's
/// place is replaced, never written through (papers.md "Writing files").
struct Writers {
    schools: CsvOut,
    teachers: CsvOut,
    needs: CsvOut,
    preferences: CsvOut,
    history: CsvOut,
    /// Each file's temporary file and place, in `FILES` order.
    places: Vec<(tempfile::NamedTempFile, std::path::PathBuf)>,
}

impl Writers {
    fn create(dir: &Path) -> io::Result<Self> {
        let mut places = Vec::with_capacity(FILES.len());
        let mut open_csv = |file: &str, header: &[&str]| -> io::Result<CsvOut> {
            let place = dir.join(file);
            let tmp = crate::report::temporary_beside(&place)?;
            let sink = BufWriter::with_capacity(1 << 16, tmp.reopen()?);
            places.push((tmp, place));
            // Plain "\n" line ends so that files are identical on every
            // platform.
            let mut writer = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(sink);
            writer.write_record(header)?;
            Ok(writer)
        };
        Ok(Writers {
            schools: open_csv(
                "schools.csv",
                &[
                    "id", "name", "area", "quality", "level", "students", "district", "lat", "lon",
                ],
            )?,
            teachers: open_csv(
                "teachers.csv",
                &[
                    "id",
                    "name",
                    "school",
                    "subject",
                    "backbone",
                    "years_at_school",
                    "age",
                    "eligible",
                    "exempt",
                    "education",
                    "post",
                    "post_years",
                ],
            )?,
            needs: open_csv("needs.csv", &["school", "subject", "count", "weight"])?,
            preferences: open_csv("preferences.csv", &["teacher", "school", "rank"])?,
            history: open_csv("history.csv", &["teacher", "year", "school"])?,
            places,
        })
    }

    /// Flushes explicitly (dropping a writer would swallow write errors),
    /// then renames each complete file into its place.
    fn finish(mut self) -> io::Result<()> {
        self.schools.flush()?;
        self.teachers.flush()?;
        self.needs.flush()?;
        self.preferences.flush()?;
        self.history.flush()?;
        for (tmp, _) in &self.places {
            // The temporary file is private (0600); data files are 0644.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                tmp.as_file()
                    .set_permissions(fs::Permissions::from_mode(0o644))?;
            }
            tmp.as_file().sync_all()?;
        }
        let _renaming = crate::report::renaming();
        for (tmp, place) in self.places {
            tmp.persist(place).map_err(|e| e.error)?;
        }
        Ok(())
    }
}

fn teacher_id(number: u32) -> String {
    format!("T{number:07}")
}

// ---------------------------------------------------------------------------
// One district, end to end
// ---------------------------------------------------------------------------

/// `rngs`: the main stream, the degrees' stream and the posts' stream.
fn write_district<R: Rng>(
    (rng, degrees, posts): (&mut R, &mut R, &mut R),
    out: &mut Writers,
    names: &NamePool,
    landscape: &Landscape,
    district: &District,
    next_teacher: &mut u32,
    summary: &mut Summary,
) -> io::Result<()> {
    let schools = build_schools(rng, landscape, district);
    for school in &schools {
        write_school(out, school, district)?;
    }
    summary.schools += schools.len();

    let (staff, principals) = write_teachers(
        (rng, degrees, posts),
        out,
        names,
        &schools,
        landscape.backbone,
        next_teacher,
    )?;
    summary.teachers += schools.iter().map(|s| s.teachers as usize).sum::<usize>() + principals;

    let receiving: Vec<usize> = (0..schools.len())
        .filter(|&i| schools[i].is_receiving())
        .collect();
    let demand = match landscape.shape {
        Shape::Easy => need_demand(rng, &staff),
        Shape::Hard => short_demand(rng, &staff),
    };
    let needs = plan_needs(rng, &schools, &receiving, demand);
    write_needs(rng, out, &schools, &receiving, &needs, landscape.shape)?;
    summary.needs += needs.len();
    summary.need_total += needs.iter().map(|n| u64::from(n.count)).sum::<u64>();

    write_preferences(rng, out, &schools, &receiving, &staff)?;
    write_history(rng, out, &schools, &receiving, &staff)
}

fn write_school(out: &mut Writers, school: &School, district: &District) -> io::Result<()> {
    out.schools.write_record([
        school.id.as_str(),
        school.name.as_str(),
        match school.area {
            Area::Urban => "urban",
            Area::Rural => "rural",
        },
        if school.quality { "true" } else { "false" },
        school.level.as_str(),
        &school.students.to_string(),
        district.name,
        &format!("{:.5}", school.lat),
        &format!("{:.5}", school.lon),
    ])?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Schools
// ---------------------------------------------------------------------------

fn build_schools<R: Rng>(rng: &mut R, landscape: &Landscape, district: &District) -> Vec<School> {
    let (slots, town_count) = plan_slots(rng, landscape);
    let sizes = draw_sizes(rng, &slots, landscape);
    let towns = draw_towns(rng, town_count, district.centre);
    let village_schools = slots
        .iter()
        .filter(|slot| matches!(slot, Slot::Rural { role: 3.., .. }))
        .count();
    let mut villages =
        draw_unique_names(rng, VILLAGE_HEADS, VILLAGE_TAILS, village_schools).into_iter();

    let mut numbered = [0usize; 3]; // running 第N counters per level
    let mut schools = Vec::with_capacity(slots.len());
    for (i, (&slot, teachers)) in slots.iter().zip(sizes).enumerate() {
        let receiving = slot.area() == Area::Rural && !slot.is_quality();
        let (low, high) = landscape.pupils_per_teacher[usize::from(receiving)];
        let (local_name, (lat, lon)) = match slot {
            Slot::UrbanQuality(k) => (
                URBAN_QUALITY[k].0.to_string(),
                urban_position(rng, district.centre),
            ),
            Slot::Urban(level) => {
                let counter = &mut numbered[level as usize];
                *counter += 1;
                (
                    urban_school_name(level, *counter),
                    urban_position(rng, district.centre),
                )
            }
            Slot::Rural { town, role, .. } => {
                let (town_name, centre) = &towns[town];
                let village = if role >= 3 { villages.next() } else { None };
                (
                    rural_school_name(town_name, role, village),
                    offset_km(rng, *centre, 0.0, 2.0),
                )
            }
        };
        schools.push(School {
            id: format!("{}S{:03}", district.id, i + 1),
            name: format!("{}{local_name}", district.name),
            area: slot.area(),
            quality: slot.is_quality(),
            level: slot.level(),
            teachers,
            // Chinese compulsory schools have roughly 15-20 pupils per
            // teacher; the hard shape's rural schools far fewer.
            students: (f64::from(teachers) * rng.gen_range(low..high)).round() as u32,
            lat,
            lon,
        });
    }
    schools
}

/// 草堰镇中心小学, 草堰镇初级中学, 草堰镇九年制学校, 草堰镇丁溪小学.
fn rural_school_name(town: &str, role: usize, village: Option<String>) -> String {
    match (role, village) {
        (0, _) => format!("{town}中心小学"),
        (1, _) => format!("{town}初级中学"),
        (2, _) => format!("{town}九年制学校"),
        (_, Some(village)) => format!("{town}{village}小学"),
        // Only if the village syllables ran out; keeps the name unique.
        (_, None) => format!("{town}第{}小学", chinese_number(role - 1)),
    }
}

/// Ordinary urban schools are numbered (第三小学, 第二中学); nine-year
/// schools are named after their part of town, since "第一九年制学校"
/// would read ambiguously.
fn urban_school_name(level: Level, number: usize) -> String {
    #[rustfmt::skip]
    const QUARTERS: [&str; 12] = [
        "城东", "城西", "城南", "城北", "新城", "开发区", "滨河", "高新区", "城中", "湖滨", "东城", "西城",
    ];
    match level {
        Level::Primary => format!("第{}小学", chinese_number(number)),
        Level::Junior => format!("第{}中学", chinese_number(number)),
        Level::NineYear => match QUARTERS.get(number - 1) {
            Some(quarter) => format!("{quarter}学校"),
            None => format!("城区第{}学校", chinese_number(number)),
        },
    }
}

/// Decides which schools the district has, in output order: urban quality
/// schools, ordinary urban schools, then the rural schools town by town.
fn plan_slots<R: Rng>(rng: &mut R, landscape: &Landscape) -> (Vec<Slot>, usize) {
    let urban = draw_in(rng, landscape.urban);
    let quality = draw_in(rng, landscape.quality);
    let rural_quality = draw_in(rng, landscape.rural_quality).min(quality);
    let urban_quality = (quality - rural_quality).min(URBAN_QUALITY.len());
    let receiving = draw_in(rng, landscape.receiving);

    let mut slots: Vec<Slot> = (0..urban_quality).map(Slot::UrbanQuality).collect();
    for _ in 0..urban {
        let level = match rng.gen_range(0..100) {
            0..=54 => Level::Primary,
            55..=89 => Level::Junior,
            _ => Level::NineYear,
        };
        slots.push(Slot::Urban(level));
    }
    // About four (hard: five) rural schools per town: a central primary
    // school, a junior school, a nine-year school and village schools for
    // the remainder.
    let rural = rural_quality + receiving;
    let towns = (rural / landscape.per_town).max(rural_quality + 1);
    let mut rural_slots: Vec<Slot> = (0..rural)
        .map(|i| Slot::Rural {
            town: i % towns,
            role: i / towns,
            // The first towns' central schools are the rural quality schools.
            quality: i < rural_quality,
        })
        .collect();
    // List them town by town, as a bureau's roster would.
    rural_slots.sort_by_key(|slot| match *slot {
        Slot::Rural { town, role, .. } => (town, role),
        _ => (0, 0),
    });
    slots.extend(rural_slots);
    (slots, towns)
}

/// Draws school sizes, redrawing in the rare case that the district total
/// falls outside the accepted range, so every district has the promised size.
fn draw_sizes<R: Rng>(rng: &mut R, slots: &[Slot], landscape: &Landscape) -> Vec<u32> {
    const ATTEMPTS: usize = 1_000;
    let (low, high) = landscape.teachers;
    let mut sizes = Vec::new();
    for _ in 0..ATTEMPTS {
        sizes = slots
            .iter()
            .map(|slot| slot.draw_size(rng, &landscape.staff))
            .collect();
        let total: u32 = sizes.iter().sum();
        if (low..=high).contains(&total) {
            break;
        }
    }
    sizes
}

/// Towns (乡镇) get names and a centre 10-43 km from the county seat; their
/// schools lie within 2 km of it, hence 8-45 km from the seat.
fn draw_towns<R: Rng>(rng: &mut R, count: usize, seat: (f64, f64)) -> Vec<(String, (f64, f64))> {
    let stems = draw_unique_names(rng, TOWN_HEADS, TOWN_TAILS, count);
    stems
        .into_iter()
        .map(|stem| {
            let suffix = if rng.gen_bool(0.8) { "镇" } else { "乡" };
            let centre = offset_km(rng, seat, 10.0, 43.0);
            (format!("{stem}{suffix}"), centre)
        })
        .collect()
}

/// Two-character names from a head and a tail syllable, unique within the list.
fn draw_unique_names<R: Rng>(rng: &mut R, heads: &str, tails: &str, count: usize) -> Vec<String> {
    let heads: Vec<char> = heads.chars().collect();
    let tails: Vec<char> = tails.chars().collect();
    let mut names: Vec<String> = Vec::with_capacity(count);
    // Bounded so that an exhausted syllable table cannot loop forever; the
    // tables hold hundreds of combinations for at most a few dozen names.
    let mut attempts = 0;
    while names.len() < count && attempts < count * 50 {
        attempts += 1;
        let name = format!(
            "{}{}",
            heads[rng.gen_range(0..heads.len())],
            tails[rng.gen_range(0..tails.len())]
        );
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

fn urban_position<R: Rng>(rng: &mut R, seat: (f64, f64)) -> (f64, f64) {
    offset_km(rng, seat, 0.0, 5.0)
}

/// A point uniformly distributed (by area) in the ring between `inner` and
/// `outer` km around `centre`, using a flat-earth approximation that is
/// accurate enough at county scale.
fn offset_km<R: Rng>(rng: &mut R, centre: (f64, f64), inner: f64, outer: f64) -> (f64, f64) {
    let u: f64 = rng.r#gen();
    let radius = (inner * inner + u * (outer * outer - inner * inner)).sqrt();
    let angle = rng.gen_range(0.0..std::f64::consts::TAU);
    let (lat, lon) = centre;
    let dlat = radius * angle.sin() / KM_PER_DEGREE;
    let dlon = radius * angle.cos() / (KM_PER_DEGREE * lat.to_radians().cos());
    (lat + dlat, lon + dlon)
}

const KM_PER_DEGREE: f64 = 111.2;

/// County seats on a jittered grid of about 90 x 90 km cells placed inside
/// eastern China (lat 28-36, lon 112-121), so that neighbouring districts of
/// a city or province sit side by side without overlapping much.
fn district_centres<R: Rng>(rng: &mut R, count: usize) -> Vec<(f64, f64)> {
    const LAT: (f64, f64) = (28.0, 36.0);
    const LON: (f64, f64) = (112.0, 121.0);
    const CELL_LAT: f64 = 0.8;
    const CELL_LON: f64 = 0.9;
    let cols = (count as f64).sqrt().ceil().max(1.0) as usize;
    let rows = count.div_ceil(cols);
    let slack_lat = (LAT.1 - LAT.0 - rows as f64 * CELL_LAT).max(0.0);
    let slack_lon = (LON.1 - LON.0 - cols as f64 * CELL_LON).max(0.0);
    let origin_lat = LAT.0 + rng.r#gen::<f64>() * slack_lat;
    let origin_lon = LON.0 + rng.r#gen::<f64>() * slack_lon;
    (0..count)
        .map(|k| {
            let (row, col) = ((k / cols) as f64, (k % cols) as f64);
            let jitter_lat = rng.gen_range(-0.15..0.15) * CELL_LAT;
            let jitter_lon = rng.gen_range(-0.15..0.15) * CELL_LON;
            (
                origin_lat + (row + 0.5) * CELL_LAT + jitter_lat,
                origin_lon + (col + 0.5) * CELL_LON + jitter_lon,
            )
        })
        .collect()
}

/// Real names first; past the end of the list the names repeat with a
/// numeric suffix (大丰区2) so that every district name stays unique.
fn district_names(count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let base = DISTRICT_NAMES[i % DISTRICT_NAMES.len()];
            match i / DISTRICT_NAMES.len() {
                0 => base.to_string(),
                round => format!("{base}{}", round + 1),
            }
        })
        .collect()
}

fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", DIGITS[n / 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

fn draw_in<R: Rng>(rng: &mut R, (low, high): (usize, usize)) -> usize {
    rng.gen_range(low..=high)
}

// ---------------------------------------------------------------------------
// Teachers
// ---------------------------------------------------------------------------

/// Precomputed name tables, built once per data set rather than per teacher.
struct NamePool {
    surnames: Vec<&'static str>,
    cumulative: Vec<u32>,
    given: Vec<char>,
}

impl NamePool {
    fn new() -> Self {
        let mut total = 0;
        let cumulative = SURNAMES
            .iter()
            .map(|&(_, weight)| {
                total += weight;
                total
            })
            .collect();
        NamePool {
            surnames: SURNAMES.iter().map(|&(name, _)| name).collect(),
            cumulative,
            given: GIVEN_CHARS.chars().collect(),
        }
    }

    /// Surname plus a one- or two-character given name (two is more common).
    fn draw_into<R: Rng>(&self, rng: &mut R, name: &mut String) {
        name.clear();
        let total = self.cumulative.last().copied().unwrap_or(1);
        let x = rng.gen_range(0..total);
        let i = self.cumulative.partition_point(|&c| c <= x);
        name.push_str(self.surnames[i]);
        let length = if rng.gen_bool(0.7) { 2 } else { 1 };
        for _ in 0..length {
            name.push(self.given[rng.gen_range(0..self.given.len())]);
        }
    }
}

struct TeacherDraw {
    subject: usize,
    backbone: &'static str,
    years: u32,
    age: u32,
    eligible: &'static str,
    exempt: &'static str,
}

/// Seeds the degree generator apart from the main one.
const DEGREE_STREAM: u64 = 0x6564_7563_6174_696f;

/// The posts' stream (`post`, `post_years`, the principals' rows): apart, so
/// that adding them left every other value of a seed as it was.
const POST_STREAM: u64 = 0x7072_696e_6369_7061;

/// A teacher's degree (学历): younger teachers and urban schools hold more
/// bachelor's and master's degrees; older rural staff often hold the
/// 中专 or 大专 of the normal schools they trained at.
fn draw_education<R: Rng>(rng: &mut R, school: &School, age: u32) -> &'static str {
    const DEGREES: [&str; 5] = ["中专", "大专", "本科", "硕士", "博士"];
    // Percent per degree, by (sending school, age band).
    let weights: [u32; 5] = match (school.is_sending(), age) {
        (true, ..=34) => [0, 9, 72, 18, 1],
        (true, 35..=49) => [2, 24, 66, 8, 0],
        (true, _) => [10, 45, 44, 1, 0],
        (false, ..=34) => [2, 30, 65, 3, 0],
        (false, 35..=49) => [8, 47, 44, 1, 0],
        (false, _) => [25, 55, 20, 0, 0],
    };
    let mut pick = rng.gen_range(0..100);
    for (degree, w) in DEGREES.iter().zip(weights) {
        if pick < w {
            return degree;
        }
        pick -= w;
    }
    DEGREES[2]
}

/// `backbone`: `Landscape::backbone`.
fn draw_teacher<R: Rng>(rng: &mut R, school: &School, backbone: [f64; 3]) -> TeacherDraw {
    let sending = school.is_sending();
    let subject = weighted_index(rng, school.level.subject_mix()).unwrap_or(0);

    // About 30 % of sending-school staff (45 % in the countryside, where
    // turnover is higher) arrived within the last six years; tenure beyond
    // that thins out towards 30 years.
    let recent = if sending { 0.30 } else { 0.45 };
    let years = if rng.gen_bool(recent) {
        rng.gen_range(0..QUOTA_YEARS)
    } else {
        let u: f64 = rng.r#gen();
        (QUOTA_YEARS + (25.0 * u.powf(1.6)) as u32).min(30)
    };
    // Teachers start at 22 at the earliest; earlier careers elsewhere are
    // skewed short, which keeps the age profile centred on the early 40s.
    let u: f64 = rng.r#gen();
    let age = (22 + years + ((38 - years) as f64 * u * u) as u32).min(60);

    let backbone = draw_backbone(rng, sending, years, backbone);
    let exempt = draw_exemption(rng, age);
    // A handful of explicit overrides: recent arrivals volunteering, or
    // long-serving staff excused by the bureau.
    let eligible = if rng.gen_bool(0.002) {
        if years < QUOTA_YEARS { "是" } else { "否" }
    } else {
        ""
    };
    TeacherDraw {
        subject,
        backbone,
        years,
        age,
        eligible,
        exempt,
    }
}

/// Backbone titles concentrate among experienced staff and, in the easy
/// shape, in sending schools (about 21 %; rural schools about 5 %); the
/// hard shape has about 12 % in town and 14 % in the countryside. Most
/// titles are county-level, provincial ones are rare.
fn draw_backbone<R: Rng>(rng: &mut R, sending: bool, years: u32, odds: [f64; 3]) -> &'static str {
    let (probability, levels) = if sending {
        let p = if years >= QUOTA_YEARS {
            odds[0]
        } else {
            odds[1]
        };
        (p, [70, 24, 6])
    } else {
        (odds[2], [85, 13, 2])
    };
    if !rng.gen_bool(probability) {
        return "none";
    }
    match weighted_index(rng, &levels) {
        Some(0) => "county",
        Some(1) => "city",
        _ => "province",
    }
}

/// About 4 % are exempt; the reason has to fit the teacher's age.
fn draw_exemption<R: Rng>(rng: &mut R, age: u32) -> &'static str {
    if !rng.gen_bool(0.04) {
        return "";
    }
    if age >= 55 {
        return NEAR_RETIREMENT;
    }
    match rng.gen_range(0..100) {
        0..=34 if age <= 42 => MATERNITY,
        85..=99 => AID_POSTING,
        _ => SICK_LEAVE,
    }
}

/// Writes the district's teachers school by school and returns the
/// sending-school staff that needs, preferences and history are built on,
/// with the number of principals written (principals.md: one per school,
/// their own row, a few posts vacant).
fn write_teachers<R: Rng>(
    (rng, degrees, posts): (&mut R, &mut R, &mut R),
    out: &mut Writers,
    names: &NamePool,
    schools: &[School],
    backbone: [f64; 3],
    next_teacher: &mut u32,
) -> io::Result<(Vec<Staff>, usize)> {
    let mut staff = Vec::new();
    let mut principals = 0;
    let mut name = String::with_capacity(16);
    for (index, school) in schools.iter().enumerate() {
        // The larger schools' last teacher is their 副校长.
        let vice = (school.teachers >= 20).then(|| school.teachers - 1);
        for k in 0..school.teachers {
            let (post, post_years) = if vice == Some(k) {
                ("副校长", (1 + posts.gen_range(0..9u32)).to_string())
            } else {
                ("", String::new())
            };
            let number = *next_teacher;
            *next_teacher += 1;
            names.draw_into(rng, &mut name);
            let t = draw_teacher(rng, school, backbone);
            out.teachers.write_record([
                teacher_id(number).as_str(),
                name.as_str(),
                school.id.as_str(),
                SUBJECTS[t.subject],
                t.backbone,
                &t.years.to_string(),
                &t.age.to_string(),
                t.eligible,
                t.exempt,
                draw_education(degrees, school, t.age),
                post,
                &post_years,
            ])?;
            if school.is_sending() {
                staff.push(Staff {
                    number,
                    school: index,
                    subject: t.subject,
                    years: t.years,
                    exempt: !t.exempt.is_empty(),
                    volunteer: t.eligible == "是",
                });
            }
        }
        // The 校长, a row of their own; a few posts are vacant.
        if posts.gen_bool(0.96) {
            names.draw_into(posts, &mut name);
            let years = 1 + posts.gen_range(0..13u32);
            out.teachers.write_record([
                format!("P{}", school.id).as_str(),
                name.as_str(),
                school.id.as_str(),
                SUBJECTS[posts.gen_range(0..2)],
                "none",
                &(years + posts.gen_range(0..5u32)).to_string(),
                &(42 + posts.gen_range(0..16u32)).to_string(),
                "",
                "",
                "",
                "校长",
                &years.to_string(),
            ])?;
            principals += 1;
        }
    }
    Ok((staff, principals))
}

// ---------------------------------------------------------------------------
// Needs
// ---------------------------------------------------------------------------

/// Per-subject number of teachers the rural schools ask for: 13.5-15.5 % of
/// the sending-school staff who count for the 10 % rule, so the rule can be
/// met with margin, split in proportion to that staff's subject mix, since a
/// district can only send the subjects it has.
fn need_demand<R: Rng>(rng: &mut R, staff: &[Staff]) -> [u32; N_SUBJECTS] {
    let mut mix = [0u32; N_SUBJECTS];
    for t in staff.iter().filter(|t| t.in_quota_base()) {
        mix[t.subject] += 1;
    }
    let base: u32 = mix.iter().sum();
    let share = rng.gen_range(0.135..0.155);
    let total = (f64::from(base) * share).round() as u32;
    apportion(total, &mix)
}

/// Share (lowest, highest) of the teachers who could rotate that the hard
/// shape's rural schools ask for, per subject in `SUBJECTS` order, after
/// `tests/cases/hard-county`: a few per cent of 语文 and 数学 teachers, most
/// of the music and art teachers, a fifth of English and PE. IT (the last)
/// is scarce: its need is every IT teacher who could go and 3 to 10 more.
const HARD_ASK: [(f64, f64); N_SUBJECTS] = [
    (0.03, 0.06),
    (0.03, 0.06),
    (0.15, 0.25),
    (0.10, 0.20),
    (0.05, 0.12),
    (0.03, 0.08),
    (0.02, 0.06),
    (0.03, 0.08),
    (0.01, 0.04),
    (0.20, 0.35),
    (0.35, 0.55),
    (0.20, 0.30),
    (0.40, 0.60),
    (0.0, 0.0),
];
/// The subject asked beyond supply in the hard shape: 信息技术.
const SCARCE: usize = N_SUBJECTS - 1;
/// How many more IT teachers than could go the hard shape asks for.
const SCARCE_EXCESS: (u32, u32) = (3, 10);

/// Per-subject need of the hard shape: `HARD_ASK` of the sending staff who
/// could rotate (in the quota base or marked eligible, an upper bound on
/// whom the default policy lets go), and for IT more than all of them, so
/// the district's rural need cannot be filled whole.
fn short_demand<R: Rng>(rng: &mut R, staff: &[Staff]) -> [u32; N_SUBJECTS] {
    let mut could_go = [0u32; N_SUBJECTS];
    for t in staff.iter().filter(|t| t.may_rotate()) {
        could_go[t.subject] += 1;
    }
    let mut demand: [u32; N_SUBJECTS] = std::array::from_fn(|s| {
        let (low, high) = HARD_ASK[s];
        let share = if high > low {
            rng.gen_range(low..high)
        } else {
            low
        };
        (f64::from(could_go[s]) * share).round() as u32
    });
    demand[SCARCE] = could_go[SCARCE] + rng.gen_range(SCARCE_EXCESS.0..=SCARCE_EXCESS.1);
    demand
}

/// Largest-remainder apportionment: splits `total` exactly in proportion to
/// `weights`, breaking ties by subject order so the result is deterministic.
fn apportion(total: u32, weights: &[u32; N_SUBJECTS]) -> [u32; N_SUBJECTS] {
    let sum: u64 = weights.iter().map(|&w| u64::from(w)).sum();
    let mut shares = [0u32; N_SUBJECTS];
    if sum == 0 {
        return shares;
    }
    let mut remainders = Vec::with_capacity(N_SUBJECTS);
    for (s, &w) in weights.iter().enumerate() {
        let exact = u64::from(total) * u64::from(w);
        shares[s] = (exact / sum) as u32;
        remainders.push((exact % sum, s));
    }
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let left = total - shares.iter().sum::<u32>();
    for &(_, s) in remainders.iter().take(left as usize) {
        shares[s] += 1;
    }
    shares
}

/// Spreads the demand over the receiving schools: each names 2-6 subjects
/// it teaches, asking 1-4 teachers per subject, one row per (school, subject).
fn plan_needs<R: Rng>(
    rng: &mut R,
    schools: &[School],
    receiving: &[usize],
    demand: [u32; N_SUBJECTS],
) -> Vec<Need> {
    let mut remaining = demand;
    let mut needs: Vec<Need> = Vec::new();
    let mut subjects_at = vec![0usize; schools.len()];

    // Pass 1: one teacher per chosen subject. Subjects are drawn in
    // proportion to the demand still open so that small subjects are not
    // spread over more schools than they have teachers.
    for &school in receiving {
        let level = schools[school].level;
        let wanted = rng.gen_range(MIN_NEED_SUBJECTS..=MAX_NEED_SUBJECTS);
        let mut chosen = [false; N_SUBJECTS];
        for _ in 0..wanted {
            let open = |s: usize| level.teaches(s) && !chosen[s];
            let by_demand: [u32; N_SUBJECTS] =
                std::array::from_fn(|s| if open(s) { remaining[s] } else { 0 });
            // Once demand runs dry the school still names at least two
            // subjects, picked by the usual staffing mix; this overshoots the
            // target by a few teachers at most.
            let by_mix: [u32; N_SUBJECTS] =
                std::array::from_fn(|s| if open(s) { level.subject_mix()[s] } else { 0 });
            let Some(subject) =
                weighted_index(rng, &by_demand).or_else(|| weighted_index(rng, &by_mix))
            else {
                break;
            };
            chosen[subject] = true;
            remaining[subject] = remaining[subject].saturating_sub(1);
            subjects_at[school] += 1;
            needs.push(Need {
                school,
                subject,
                count: 1,
            });
        }
    }

    // Pass 2: the rest of the demand, one teacher at a time, goes to a row of
    // that subject with room left, or else opens a row at a school that
    // teaches the subject and names fewer than six subjects.
    for (subject, left) in remaining.iter_mut().enumerate() {
        while *left > 0 {
            let open_rows: Vec<usize> = (0..needs.len())
                .filter(|&i| needs[i].subject == subject && needs[i].count < MAX_NEED_COUNT)
                .collect();
            if !open_rows.is_empty() {
                needs[open_rows[rng.gen_range(0..open_rows.len())]].count += 1;
            } else {
                let room: Vec<usize> = receiving
                    .iter()
                    .copied()
                    .filter(|&k| {
                        subjects_at[k] < MAX_NEED_SUBJECTS
                            && schools[k].level.teaches(subject)
                            && !needs.iter().any(|n| n.school == k && n.subject == subject)
                    })
                    .collect();
                if room.is_empty() {
                    break; // nowhere left to put it; the district asks a little less
                }
                let school = room[rng.gen_range(0..room.len())];
                subjects_at[school] += 1;
                needs.push(Need {
                    school,
                    subject,
                    count: 1,
                });
            }
            *left -= 1;
        }
    }

    needs.sort_by_key(|n| (n.school, n.subject));
    needs
}

/// Most schools weigh 1; in the easy shape about a quarter are priority
/// schools (remote or badly understaffed) whose needs weigh 1.5 or 2 in the
/// objective. The hard shape, like the hard county, weighs every need 1.
fn write_needs<R: Rng>(
    rng: &mut R,
    out: &mut Writers,
    schools: &[School],
    receiving: &[usize],
    needs: &[Need],
    shape: Shape,
) -> io::Result<()> {
    let mut weight = vec![""; schools.len()];
    for &k in receiving {
        weight[k] = match shape {
            Shape::Hard => "1",
            Shape::Easy => match rng.gen_range(0..100) {
                0..=74 => "1",
                75..=89 => "1.5",
                _ => "2",
            },
        };
    }
    for need in needs {
        out.needs.write_record([
            schools[need.school].id.as_str(),
            SUBJECTS[need.subject],
            &need.count.to_string(),
            weight[need.school],
        ])?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Preferences and history
// ---------------------------------------------------------------------------

/// About a quarter of sending-school teachers name 1-3 receiving schools of
/// their district. People prefer short commutes, so choices lean towards
/// schools near their own.
fn write_preferences<R: Rng>(
    rng: &mut R,
    out: &mut Writers,
    schools: &[School],
    receiving: &[usize],
    staff: &[Staff],
) -> io::Result<()> {
    if receiving.is_empty() {
        return Ok(());
    }
    let by_distance = receiving_by_distance(schools, receiving);
    let mut picks: Vec<usize> = Vec::with_capacity(3);
    for t in staff {
        if !rng.gen_bool(0.25) {
            continue;
        }
        let wanted = match rng.gen_range(0..100) {
            0..=44 => 1,
            45..=74 => 2,
            _ => 3,
        }
        .min(receiving.len());
        let near = &by_distance[t.school];
        picks.clear();
        while picks.len() < wanted {
            // Squaring a uniform draw favours the front of the nearest-first list.
            let u: f64 = rng.r#gen();
            let school = near[((u * u) * near.len() as f64) as usize];
            if !picks.contains(&school) {
                picks.push(school);
            }
        }
        let teacher = teacher_id(t.number);
        for (rank, &school) in picks.iter().enumerate() {
            out.preferences.write_record([
                teacher.as_str(),
                schools[school].id.as_str(),
                &(rank + 1).to_string(),
            ])?;
        }
    }
    Ok(())
}

/// For every sending school, the receiving schools ordered nearest first
/// (empty lists for schools that do not send).
fn receiving_by_distance(schools: &[School], receiving: &[usize]) -> Vec<Vec<usize>> {
    schools
        .iter()
        .map(|from| {
            if !from.is_sending() {
                return Vec::new();
            }
            let here = (from.lat, from.lon);
            let mut list = receiving.to_vec();
            list.sort_by(|&a, &b| {
                let da = crate::geo::great_circle_km(here, (schools[a].lat, schools[a].lon));
                let db = crate::geo::great_circle_km(here, (schools[b].lat, schools[b].lon));
                da.total_cmp(&db).then(a.cmp(&b))
            });
            list
        })
        .collect()
}

/// About 6 % of sending-school teachers have rotated before. Only staff with
/// at least three years in post qualify (7 % of them, roughly 85 % of all),
/// and the year lies within their time at the school.
fn write_history<R: Rng>(
    rng: &mut R,
    out: &mut Writers,
    schools: &[School],
    receiving: &[usize],
    staff: &[Staff],
) -> io::Result<()> {
    if receiving.is_empty() {
        return Ok(());
    }
    for t in staff.iter().filter(|t| t.years >= 3) {
        if !rng.gen_bool(0.07) {
            continue;
        }
        let earliest = FIRST_HISTORY_YEAR.max(LAST_HISTORY_YEAR + 1 - t.years);
        let year = rng.gen_range(earliest..=LAST_HISTORY_YEAR);
        let school = receiving[rng.gen_range(0..receiving.len())];
        out.history.write_record([
            teacher_id(t.number).as_str(),
            &year.to_string(),
            schools[school].id.as_str(),
        ])?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Index drawn with probability proportional to its weight; `None` if all
/// weights are zero.
fn weighted_index<R: Rng>(rng: &mut R, weights: &[u32]) -> Option<usize> {
    let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
    if total == 0 {
        return None;
    }
    let mut x = rng.gen_range(0..total);
    for (i, &w) in weights.iter().enumerate() {
        if x < u64::from(w) {
            return Some(i);
        }
        x -= u64::from(w);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    const FILES: [&str; 5] = [
        "schools.csv",
        "teachers.csv",
        "needs.csv",
        "preferences.csv",
        "history.csv",
    ];

    /// Reads a generated file as (header, rows).
    fn read(dir: &Path, file: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let mut reader = csv::Reader::from_path(dir.join(file)).expect("open csv");
        let header = reader
            .headers()
            .expect("header")
            .iter()
            .map(String::from)
            .collect();
        let rows = reader
            .records()
            .map(|r| r.expect("record").iter().map(String::from).collect())
            .collect();
        (header, rows)
    }

    fn generated(size: Size, seed: u64) -> (tempfile::TempDir, Summary) {
        let dir = tempfile::tempdir().expect("tempdir");
        let summary = generate(size, Shape::Easy, seed, dir.path()).expect("generate");
        (dir, summary)
    }

    #[test]
    fn same_seed_gives_identical_files() {
        let (a, sa) = generated(Size::County, 7);
        let (b, sb) = generated(Size::County, 7);
        assert_eq!(sa, sb);
        for file in FILES {
            let x = fs::read(a.path().join(file)).expect("read a");
            let y = fs::read(b.path().join(file)).expect("read b");
            assert!(x == y, "{file} differs between runs with the same seed");
        }
        let (c, _) = generated(Size::County, 8);
        let x = fs::read(a.path().join("teachers.csv")).expect("read a");
        let z = fs::read(c.path().join("teachers.csv")).expect("read c");
        assert_ne!(x, z, "a different seed should give different data");
    }

    #[test]
    fn headers_are_exact() {
        let (dir, _) = generated(Size::County, 1);
        let expected = [
            "id,name,area,quality,level,students,district,lat,lon",
            "id,name,school,subject,backbone,years_at_school,age,eligible,exempt,education,post,post_years",
            "school,subject,count,weight",
            "teacher,school,rank",
            "teacher,year,school",
        ];
        for (file, header) in FILES.iter().zip(expected) {
            let text = fs::read_to_string(dir.path().join(file)).expect("read");
            assert_eq!(text.lines().next(), Some(header), "{file}");
            assert!(!text.starts_with('\u{feff}'));
        }
    }

    #[test]
    fn county_counts_are_in_range() {
        for seed in [1, 2, 3] {
            let (dir, summary) = generated(Size::County, seed);
            let (_, schools) = read(dir.path(), "schools.csv");
            let (_, teachers) = read(dir.path(), "teachers.csv");
            let (_, needs) = read(dir.path(), "needs.csv");
            assert_eq!(summary.districts, 1);
            assert_eq!(summary.schools, schools.len());
            assert_eq!(summary.teachers, teachers.len());
            assert_eq!(summary.needs, needs.len());
            let need_total: u64 = needs.iter().map(|r| r[2].parse::<u64>().unwrap()).sum();
            assert_eq!(summary.need_total, need_total);
            assert!(
                (4_000..=6_000).contains(&teachers.len()),
                "{}",
                teachers.len()
            );

            let urban = schools.iter().filter(|r| r[2] == "urban").count();
            let quality = schools.iter().filter(|r| r[3] == "true").count();
            let rural_quality = schools
                .iter()
                .filter(|r| r[2] == "rural" && r[3] == "true")
                .count();
            let receiving = schools
                .iter()
                .filter(|r| r[2] == "rural" && r[3] == "false")
                .count();
            let sending = schools.len() - receiving;
            assert!((18..=22).contains(&sending), "sending {sending}");
            assert!((17..=21).contains(&urban), "urban {urban}");
            assert_eq!(quality, 4);
            assert!((1..=2).contains(&rural_quality));
            assert!((40..=50).contains(&receiving), "receiving {receiving}");

            // The teachers, the 校长's own row (an id from P) apart.
            let mut staff: BTreeMap<&str, u32> = BTreeMap::new();
            for t in teachers.iter().filter(|t| !t[0].starts_with('P')) {
                *staff.entry(t[2].as_str()).or_default() += 1;
            }
            let principals = teachers.iter().filter(|t| t[10] == "校长").count();
            assert!(
                principals < schools.len() && principals * 10 >= schools.len() * 9,
                "{principals} principals for {} schools",
                schools.len()
            );
            assert!(
                teachers
                    .iter()
                    .all(|t| (t[10] == "校长") == t[0].starts_with('P'))
            );
            for s in &schools {
                let n = staff[s[0].as_str()];
                match (s[2].as_str(), s[3].as_str()) {
                    ("urban", _) => assert!((100..=250).contains(&n), "{} has {n}", s[1]),
                    ("rural", "false") => assert!((20..=60).contains(&n), "{} has {n}", s[1]),
                    _ => {}
                }
                let students: u32 = s[5].parse().unwrap();
                assert!((15 * n..=20 * n).contains(&students));
                let lat: f64 = s[7].parse().unwrap();
                let lon: f64 = s[8].parse().unwrap();
                assert!((27.5..36.5).contains(&lat) && (111.5..121.5).contains(&lon));
            }
        }
    }

    #[test]
    fn teacher_profile_is_realistic() {
        let (dir, _) = generated(Size::County, 11);
        let (_, schools) = read(dir.path(), "schools.csv");
        let (_, teachers) = read(dir.path(), "teachers.csv");
        let sending: BTreeSet<&str> = schools
            .iter()
            .filter(|r| r[2] == "urban" || r[3] == "true")
            .map(|r| r[0].as_str())
            .collect();
        let level: BTreeMap<&str, &str> = schools
            .iter()
            .map(|r| (r[0].as_str(), r[4].as_str()))
            .collect();
        let at_sending: Vec<&Vec<String>> = teachers
            .iter()
            .filter(|t| sending.contains(t[2].as_str()))
            .collect();
        let share = |f: &dyn Fn(&Vec<String>) -> bool| {
            at_sending.iter().filter(|t| f(t)).count() as f64 / at_sending.len() as f64
        };
        let backbone = share(&|t| t[4] != "none");
        assert!((0.18..=0.25).contains(&backbone), "backbone {backbone}");
        let long = share(&|t| t[5].parse::<u32>().unwrap() >= 6);
        assert!((0.65..=0.75).contains(&long), "years >= 6: {long}");

        for t in &teachers {
            let years: u32 = t[5].parse().unwrap();
            let age: u32 = t[6].parse().unwrap();
            assert!(years <= 30 && (22..=60).contains(&age) && age >= 22 + years);
            assert!(["", "是", "否"].contains(&t[7].as_str()));
            assert!(
                ["", SICK_LEAVE, MATERNITY, NEAR_RETIREMENT, AID_POSTING].contains(&t[8].as_str())
            );
            assert!(["none", "county", "city", "province"].contains(&t[4].as_str()));
            let subject = SUBJECTS.iter().position(|s| *s == t[3]).expect("subject");
            let school_level = match level[t[2].as_str()] {
                "primary" => Level::Primary,
                "junior" => Level::Junior,
                _ => Level::NineYear,
            };
            assert!(school_level.teaches(subject), "{} at {}", t[3], t[2]);
        }
        let exempt = teachers.iter().filter(|t| !t[8].is_empty()).count() as f64;
        assert!(exempt / (teachers.len() as f64) < 0.06);
    }

    #[test]
    fn ids_are_unique_and_references_resolve() {
        let (dir, _) = generated(Size::City, 5);
        let (_, schools) = read(dir.path(), "schools.csv");
        let (_, teachers) = read(dir.path(), "teachers.csv");
        let (_, preferences) = read(dir.path(), "preferences.csv");
        let (_, history) = read(dir.path(), "history.csv");

        let school_ids: BTreeSet<&str> = schools.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(school_ids.len(), schools.len(), "duplicate school id");
        let school_names: BTreeSet<&str> = schools.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(school_names.len(), schools.len(), "duplicate school name");
        let teacher_ids: BTreeSet<&str> = teachers.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(teacher_ids.len(), teachers.len(), "duplicate teacher id");
        assert!(teachers.iter().all(|t| school_ids.contains(t[2].as_str())));

        let district_of: BTreeMap<&str, &str> = schools
            .iter()
            .map(|r| (r[0].as_str(), r[6].as_str()))
            .collect();
        let receiving: BTreeSet<&str> = schools
            .iter()
            .filter(|r| r[2] == "rural" && r[3] == "false")
            .map(|r| r[0].as_str())
            .collect();
        let home: BTreeMap<&str, &str> = teachers
            .iter()
            .map(|t| (t[0].as_str(), t[2].as_str()))
            .collect();

        let mut ranks: BTreeMap<&str, Vec<(u32, &str)>> = BTreeMap::new();
        for p in &preferences {
            assert!(receiving.contains(p[1].as_str()));
            assert_eq!(district_of[home[p[0].as_str()]], district_of[p[1].as_str()]);
            ranks
                .entry(p[0].as_str())
                .or_default()
                .push((p[2].parse().unwrap(), p[1].as_str()));
        }
        for list in ranks.values() {
            let expected: Vec<u32> = (1..=list.len() as u32).collect();
            assert_eq!(list.iter().map(|r| r.0).collect::<Vec<_>>(), expected);
            let distinct: BTreeSet<&str> = list.iter().map(|r| r.1).collect();
            assert_eq!(distinct.len(), list.len());
            assert!(list.len() <= 3);
        }
        let mut rotated = BTreeSet::new();
        for h in &history {
            assert!(
                rotated.insert(h[0].as_str()),
                "two history rows for {}",
                h[0]
            );
            let year: u32 = h[1].parse().unwrap();
            assert!((2018..=2025).contains(&year));
            assert!(receiving.contains(h[2].as_str()));
            assert_eq!(district_of[home[h[0].as_str()]], district_of[h[2].as_str()]);
        }
    }

    /// Needs go to rural non-quality schools only, once per (school, subject),
    /// and every district asks for at least 11 % of its quota base.
    #[test]
    fn needs_are_well_formed_and_sufficient() {
        for (size, seed) in [(Size::County, 3), (Size::City, 9)] {
            let (dir, _) = generated(size, seed);
            let (_, schools) = read(dir.path(), "schools.csv");
            let (_, teachers) = read(dir.path(), "teachers.csv");
            let (_, needs) = read(dir.path(), "needs.csv");
            let by_id: BTreeMap<&str, &Vec<String>> =
                schools.iter().map(|r| (r[0].as_str(), r)).collect();

            let mut base: BTreeMap<&str, u64> = BTreeMap::new();
            for t in &teachers {
                let s = by_id[t[2].as_str()];
                let sending = s[2] == "urban" || s[3] == "true";
                if sending && t[5].parse::<u32>().unwrap() >= 6 && t[8].is_empty() {
                    *base.entry(s[6].as_str()).or_default() += 1;
                }
            }

            let mut seen = BTreeSet::new();
            let mut asked: BTreeMap<&str, u64> = BTreeMap::new();
            let mut subjects_per_school: BTreeMap<&str, usize> = BTreeMap::new();
            for n in &needs {
                let s = by_id[n[0].as_str()];
                assert_eq!((s[2].as_str(), s[3].as_str()), ("rural", "false"));
                assert!(
                    seen.insert((n[0].as_str(), n[1].as_str())),
                    "duplicate need"
                );
                let count: u64 = n[2].parse().unwrap();
                assert!((1..=4).contains(&count));
                assert!(["1", "1.5", "2"].contains(&n[3].as_str()));
                let subject = SUBJECTS.iter().position(|x| *x == n[1]).expect("subject");
                let level = match s[4].as_str() {
                    "primary" => Level::Primary,
                    "junior" => Level::Junior,
                    _ => Level::NineYear,
                };
                assert!(level.teaches(subject));
                *asked.entry(s[6].as_str()).or_default() += count;
                *subjects_per_school.entry(n[0].as_str()).or_default() += 1;
            }
            assert!(subjects_per_school.values().all(|&k| (2..=6).contains(&k)));
            for school in schools
                .iter()
                .filter(|r| r[2] == "rural" && r[3] == "false")
            {
                assert!(subjects_per_school.contains_key(school[0].as_str()));
            }
            assert_eq!(asked.len(), base.len());
            for (district, &b) in &base {
                let a = asked[district];
                assert!(a * 100 >= b * 11, "{district}: needs {a} for base {b}");
                assert!(a * 100 <= b * 18, "{district}: needs {a} for base {b}");
            }
        }
    }

    /// The hard shape as tests/cases/hard-county has it: ~6,000 teachers in
    /// ~99 schools, receiving schools small and richer in teachers per
    /// student than the urban ones, every need weighing 1, and more IT need
    /// than IT teachers who could go.
    #[test]
    fn hard_county_is_shaped_like_the_hard_case() {
        for seed in [1, 4] {
            let dir = tempfile::tempdir().expect("tempdir");
            let summary = generate(Size::County, Shape::Hard, seed, dir.path()).expect("generate");
            let again = tempfile::tempdir().expect("tempdir");
            generate(Size::County, Shape::Hard, seed, again.path()).expect("generate");
            for file in FILES {
                let x = fs::read(dir.path().join(file)).expect("read");
                let y = fs::read(again.path().join(file)).expect("read");
                assert!(x == y, "{file} differs between runs with the same seed");
            }
            let (_, schools) = read(dir.path(), "schools.csv");
            let (_, teachers) = read(dir.path(), "teachers.csv");
            let (_, needs) = read(dir.path(), "needs.csv");
            assert_eq!(summary.teachers, teachers.len());
            // The teachers, without the principals' own rows.
            let staff = teachers.iter().filter(|t| !t[0].starts_with('P')).count();
            assert!((5_400..=6_600).contains(&staff), "{staff}");

            let receiving = |r: &Vec<String>| r[2] == "rural" && r[3] == "false";
            let urban = schools.iter().filter(|r| r[2] == "urban").count();
            let rural_quality = schools
                .iter()
                .filter(|r| r[2] == "rural" && r[3] == "true")
                .count();
            let small = schools.iter().filter(|r| receiving(r)).count();
            assert!((27..=33).contains(&urban), "urban {urban}");
            assert!(
                (5..=7).contains(&rural_quality),
                "rural quality {rural_quality}"
            );
            assert!((60..=66).contains(&small), "receiving {small}");

            // Teachers per 100 students, receiving schools against urban ones.
            let mut staff: BTreeMap<&str, u32> = BTreeMap::new();
            for t in &teachers {
                *staff.entry(t[2].as_str()).or_default() += 1;
            }
            let per_100 = |keep: &dyn Fn(&Vec<String>) -> bool| {
                let (mut t, mut p) = (0u32, 0u32);
                for s in schools.iter().filter(|s| keep(s)) {
                    t += staff[s[0].as_str()];
                    p += s[5].parse::<u32>().unwrap();
                }
                100.0 * f64::from(t) / f64::from(p)
            };
            let rural = per_100(&receiving);
            let town = per_100(&|r| r[2] == "urban");
            assert!(
                rural > town * 1.3,
                "rural {rural:.1}, urban {town:.1} per 100"
            );

            assert!(needs.iter().all(|n| n[3] == "1"));
            let sending: BTreeSet<&str> = schools
                .iter()
                .filter(|r| !receiving(r))
                .map(|r| r[0].as_str())
                .collect();
            let could_go = teachers
                .iter()
                .filter(|t| sending.contains(t[2].as_str()) && t[3] == SUBJECTS[SCARCE])
                .filter(|t| {
                    (t[5].parse::<u32>().unwrap() >= QUOTA_YEARS && t[8].is_empty()) || t[7] == "是"
                })
                .count() as u64;
            let asked: u64 = needs
                .iter()
                .filter(|n| n[1] == SUBJECTS[SCARCE])
                .map(|n| n[2].parse::<u64>().unwrap())
                .sum();
            assert!(
                asked > could_go,
                "IT need {asked}, IT teachers who could go {could_go}"
            );
        }
    }

    #[test]
    fn hard_city_has_ten_hard_districts() {
        let dir = tempfile::tempdir().expect("tempdir");
        let summary = generate(Size::City, Shape::Hard, 2, dir.path()).expect("generate");
        assert_eq!(summary.districts, 10);
        assert!(
            (54_000..=66_000).contains(&summary.teachers),
            "{}",
            summary.teachers
        );
        assert!(
            (900..=1_100).contains(&summary.schools),
            "{}",
            summary.schools
        );
    }

    #[test]
    fn shape_parses() {
        assert_eq!("easy".parse::<Shape>(), Ok(Shape::Easy));
        assert_eq!(" Hard".parse::<Shape>(), Ok(Shape::Hard));
        assert_eq!(Shape::default(), Shape::Easy);
        let err = "medium".parse::<Shape>().unwrap_err();
        assert!(err.contains("medium") && err.contains("easy, hard"));
        assert_eq!(Shape::Hard.to_string(), "hard");
    }

    #[test]
    fn size_parses() {
        assert_eq!("county".parse::<Size>(), Ok(Size::County));
        assert_eq!("City".parse::<Size>(), Ok(Size::City));
        assert_eq!("province".parse::<Size>(), Ok(Size::Province));
        let err = "state".parse::<Size>().unwrap_err();
        assert!(err.contains("state") && err.contains("county"));
        assert_eq!(Size::Province.to_string(), "province");
    }

    #[test]
    fn district_names_are_unique() {
        for count in [1, 10, 100, 250] {
            let names = district_names(count);
            let distinct: BTreeSet<&String> = names.iter().collect();
            assert_eq!(distinct.len(), count);
        }
        assert_eq!(district_names(1)[0], "大丰区");
    }

    #[test]
    fn apportion_is_exact() {
        let weights = [5, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        let shares = apportion(100, &weights);
        assert_eq!(shares.iter().sum::<u32>(), 100);
        assert_eq!(shares[3], 0);
        assert_eq!(apportion(7, &[0; N_SUBJECTS]), [0; N_SUBJECTS]);
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(23), "二十三");
    }
}
