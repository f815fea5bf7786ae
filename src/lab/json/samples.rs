//! Deterministic sample documents shaped like the three classic JSON
//! benchmark files (from nativejson-benchmark, used by serde_json, simdjson
//! and others), generated instead of shipped:
//!
//! * [`gen_canada`]: like `canada.json`, a GeoJSON polygon; almost all of it is
//!   floating-point numbers with 15 decimals in small nested arrays.
//! * [`gen_citm`]: like `citm_catalog.json`, a pretty-printed catalogue; objects
//!   with many keys, integer ids, short strings, lots of whitespace.
//! * [`gen_twitter`]: like `twitter.json`, search results; strings with
//!   Japanese text, emoji, accents, quotes and line breaks to escape, and ids
//!   above 2^53 next to their exact `id_str`.
//!
//! The same `scale` always gives the same text (a fixed-seed SplitMix64
//! generator, no clock, no files). `scale` 1.0 gives roughly the size of the
//! original file; it is clamped to `0.0..=MAX_SCALE`, and NaN counts as 0.

use super::JsonValue;
use crate::lab::rng::SplitMix64;
use std::fmt::Write;

/// The largest accepted `scale` (about 150 MB of canada-like text).
pub const MAX_SCALE: f64 = 64.0;

/// The draws these documents were generated with, on the shared generator: indexes by
/// modulo ([`SplitMix64::below_by_modulo`]) so that every `scale` keeps giving the very
/// same text, and a harmless default for an empty list.
struct Rng(SplitMix64);

impl Rng {
    const fn new(seed: u64) -> Rng {
        Rng(SplitMix64::new(seed))
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0.below_by_modulo(n)
    }

    fn unit(&mut self) -> f64 {
        self.0.next_f64()
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied().unwrap_or("")
    }

    /// A random element of a non-empty list (0 for an empty one).
    fn choose(&mut self, items: &[u64]) -> u64 {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied().unwrap_or(0)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.0.chance(p)
    }
}

/// `base × scale`, rounded, with `scale` clamped to `0..=MAX_SCALE`.
fn scaled(base: usize, scale: f64) -> usize {
    let s = if scale.is_nan() {
        0.0
    } else {
        scale.clamp(0.0, MAX_SCALE)
    };
    (base as f64 * s).round() as usize
}

fn obj(pairs: Vec<(&str, JsonValue)>) -> JsonValue {
    JsonValue::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn num(n: u64) -> JsonValue {
    JsonValue::Number(n as f64)
}

fn s(text: &str) -> JsonValue {
    JsonValue::Str(text.to_owned())
}

/// A canada.json-like GeoJSON document: one Feature whose Polygon has rings
/// of `[longitude, latitude]` pairs, each number printed with 15 decimals
/// (`-65.613616999999977`) as in the original. About 56,000 pairs and 2.2 MB
/// at scale 1.0.
///
/// Shape: `{"type":"FeatureCollection","features":[{"type":"Feature",
/// "properties":{"name":"Canada"},"geometry":{"type":"Polygon",
/// "coordinates":[[[lon,lat],...],...]}}]}`.
pub fn gen_canada(scale: f64) -> String {
    let mut rng = Rng::new(0x00CA_0ADA_2024_0001);
    let total = scaled(56_000, scale);
    let mut out = String::with_capacity(total * 41 + 200);
    out.push_str(
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"Canada\"},\
         \"geometry\":{\"type\":\"Polygon\",\"coordinates\":[",
    );
    let mut written = 0usize;
    let mut first_ring = true;
    while written < total {
        let len = (10 + rng.below(491) as usize).min(total - written);
        if !first_ring {
            out.push(',');
        }
        first_ring = false;
        out.push('[');
        // Each ring is a random walk around a random start, like a coastline.
        let mut lon = -141.0 + rng.unit() * 89.0;
        let mut lat = 41.7 + rng.unit() * 41.0;
        for i in 0..len {
            lon = (lon + (rng.unit() - 0.5) * 0.02).clamp(-141.0, -52.0);
            lat = (lat + (rng.unit() - 0.5) * 0.02).clamp(41.7, 83.1);
            // Rounded to 6 decimals, then printed with 15, as the original was.
            let x = (lon * 1e6).round() / 1e6;
            let y = (lat * 1e6).round() / 1e6;
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "[{x:.15},{y:.15}]");
        }
        out.push_str("]\n");
        written += len;
    }
    out.push_str("]}}]}");
    out
}

const AREAS: &[&str] = &[
    "Arrière-scène central",
    "1er balcon central",
    "2ème balcon bergerie cour",
    "2ème balcon bergerie jardin",
    "1er balcon bergerie jardin",
    "1er balcon bergerie cour",
    "Arrière-scène jardin",
    "Arrière-scène cour",
    "2ème balcon jardin",
    "2ème balcon cour",
    "2ème Balcon central",
    "1er balcon jardin",
    "1er balcon cour",
    "Orchestre central",
    "Orchestre jardin",
    "Orchestre cour",
    "Place handicapé",
];

const EVENT_NAMES: &[&str] = &[
    "30th Anniversary Tour",
    "Berliner Philharmoniker",
    "Pittsburgh Symphony Orchestra",
    "Orchestre Philharmonique de Radio France",
    "Orchestre de Paris",
    "Les Arts Florissants",
    "Quatuor Ébène",
    "Récital de piano",
    "Concert de Noël",
    "Carmen (version de concert)",
    "L'Orchestre des Champs-Élysées",
    "Jeune public : Pierre et le loup",
];

const SEAT_CATEGORIES: &[&str] = &[
    "Catégorie 1",
    "Catégorie 2",
    "Catégorie 3",
    "Catégorie 4",
    "Catégorie 5",
    "Catégorie unique",
    "Placement libre assis",
    "Places visibilité réduite",
];

const TOPICS: &[&str] = &[
    "Musique classique",
    "Jazz",
    "Opéra",
    "Musique de chambre",
    "Récital",
    "Famille",
    "Danse",
    "Musiques du monde",
];

/// A citm_catalog.json-like catalogue, pretty-printed with 4 spaces: name
/// tables keyed by numeric ids, `events` (an object of objects) and
/// `performances` (an array of objects with `prices` and `seatCategories`).
/// About 1.7 MB at scale 1.0.
///
/// Shape: `{"areaNames":{id:name}, "audienceSubCategoryNames":{..},
/// "blockNames":{}, "events":{id:{"description","id","logo","name",
/// "subTopicIds","subjectCode","subtitle","topicIds"}}, "performances":[{
/// "eventId","id","logo","name","prices":[{"amount",
/// "audienceSubCategoryId","seatCategoryId"}],"seatCategories":[{"areas":
/// [{"areaId","blockIds":[]}],"seatCategoryId"}],"seatMapImage","start",
/// "venueCode"}], "seatCategoryNames":{..}, "subTopicNames":{..},
/// "subjectNames":{}, "topicNames":{..}, "topicSubTopics":{id:[ids]},
/// "venueNames":{..}}`.
pub fn gen_citm(scale: f64) -> String {
    let mut rng = Rng::new(0x0C17_0CA7_A10C_0002);
    let events = scaled(184, scale);
    let performances = scaled(390, scale);
    let area_ids: Vec<u64> = (0..AREAS.len() as u64)
        .map(|i| 205_705_993 + i * 2)
        .collect();
    let seat_ids: Vec<u64> = (0..64u64).map(|i| 338_937_235 + i * 6).collect();
    let topic_ids: Vec<u64> = (0..TOPICS.len() as u64)
        .map(|i| 107_888_604 + i * 1_000_003)
        .collect();
    let sub_topic_ids: Vec<u64> = (0..24u64).map(|i| 337_184_262 + i * 2).collect();

    let names = |ids: &[u64], labels: &[&str]| {
        JsonValue::Object(
            ids.iter()
                .zip(labels.iter().cycle())
                .map(|(id, label)| (id.to_string(), s(label)))
                .collect(),
        )
    };
    let id_list = |rng: &mut Rng, ids: &[u64], max: u64| {
        let n = 1 + rng.below(max);
        JsonValue::Array((0..n).map(|_| num(rng.choose(ids))).collect())
    };

    let mut event_ids = Vec::with_capacity(events);
    let mut event_map = Vec::with_capacity(events);
    for i in 0..events as u64 {
        let id = 138_586_341 + i * 17;
        event_ids.push(id);
        let logo = if rng.chance(0.4) {
            JsonValue::Str(format!(
                "/images/UE0AAAAACEKo{:06X}AAAAZDSVRN",
                rng.below(1 << 24)
            ))
        } else {
            JsonValue::Null
        };
        let event = obj(vec![
            ("description", JsonValue::Null),
            ("id", num(id)),
            ("logo", logo),
            ("name", s(rng.pick(EVENT_NAMES))),
            ("subTopicIds", id_list(&mut rng, &sub_topic_ids, 4)),
            ("subjectCode", JsonValue::Null),
            ("subtitle", JsonValue::Null),
            ("topicIds", id_list(&mut rng, &topic_ids, 3)),
        ]);
        event_map.push((id.to_string(), event));
    }

    let mut perf_list = Vec::with_capacity(performances);
    for i in 0..performances as u64 {
        let n_cats = 1 + rng.below(4);
        let cats: Vec<u64> = (0..n_cats).map(|_| rng.choose(&seat_ids)).collect();
        let prices = cats
            .iter()
            .map(|&cat| {
                obj(vec![
                    ("amount", num(5_000 + rng.below(200) * 250)),
                    ("audienceSubCategoryId", num(337_100_890)),
                    ("seatCategoryId", num(cat)),
                ])
            })
            .collect();
        let seat_categories = cats
            .iter()
            .map(|&cat| {
                let n_areas = 1 + rng.below(AREAS.len() as u64);
                let areas = (0..n_areas)
                    .map(|_| {
                        obj(vec![
                            ("areaId", num(rng.choose(&area_ids))),
                            ("blockIds", JsonValue::Array(Vec::new())),
                        ])
                    })
                    .collect();
                obj(vec![
                    ("areas", JsonValue::Array(areas)),
                    ("seatCategoryId", num(cat)),
                ])
            })
            .collect();
        let event_id = event_ids
            .get(rng.below(events as u64) as usize)
            .copied()
            .unwrap_or(138_586_341);
        perf_list.push(obj(vec![
            ("eventId", num(event_id)),
            ("id", num(339_887_544 + i * 3)),
            ("logo", JsonValue::Null),
            ("name", JsonValue::Null),
            ("prices", JsonValue::Array(prices)),
            ("seatCategories", JsonValue::Array(seat_categories)),
            ("seatMapImage", JsonValue::Null),
            // Milliseconds since 1970: up to 1.4e12, exact in an f64.
            (
                "start",
                num(1_372_701_600_000 + rng.below(400) * 86_400_000),
            ),
            ("venueCode", s("PLEYEL_PLEYEL")),
        ]));
    }

    let topic_sub_topics = JsonValue::Object(
        topic_ids
            .iter()
            .map(|id| (id.to_string(), id_list(&mut rng, &sub_topic_ids, 6)))
            .collect(),
    );
    let doc = obj(vec![
        ("areaNames", names(&area_ids, AREAS)),
        (
            "audienceSubCategoryNames",
            obj(vec![("337100890", s("Abonné"))]),
        ),
        ("blockNames", JsonValue::Object(Vec::new())),
        ("events", JsonValue::Object(event_map)),
        ("performances", JsonValue::Array(perf_list)),
        ("seatCategoryNames", names(&seat_ids, SEAT_CATEGORIES)),
        ("subTopicNames", names(&sub_topic_ids, TOPICS)),
        ("subjectNames", JsonValue::Object(Vec::new())),
        ("topicNames", names(&topic_ids, TOPICS)),
        ("topicSubTopics", topic_sub_topics),
        (
            "venueNames",
            obj(vec![("PLEYEL_PLEYEL", s("Salle Pleyel"))]),
        ),
    ]);
    doc.to_json_pretty(4)
}

const TWEET_PARTS: &[&str] = &[
    "@aym0566x \n\n名前:前田あゆみ\n第一印象:なんか怖っ！\n今の印象:とりあえずキモい。噛み合わない\n好きなところ:ぶすでキモいとこ😋✨✨",
    "RT @KATANA77: えっそれは・・・（一同） http://t.co/PkCJAcSuYK",
    "【金一地区太鼓台】川関と小山の見分けがつかない",
    "\"Quoted\" words, a back\\slash and a tab\there",
    "Café crème, naïve façade, jalapeño 🌶️ — über-cool",
    "Ωμέγα και άλφα · Привет, мир · مرحبا بالعالم · שלום",
    "emoji: 😀😃😄😁😆😅🤣😂🙂🙃😉😊😇 🇯🇵 👨‍👩‍👧‍👦",
    "@_123_ 気になる！w\r\n明日の予定は？ #毎日 #日本",
    "line one\nline two\nline three",
    "Sanctuary of the Universe ☆ 宇宙の聖域 ☆ ★彡",
];

const SCREEN_NAMES: &[&str] = &[
    "aym0566x",
    "KATANA77",
    "yuttari1998",
    "nasuka_chan",
    "mtakagi",
    "sukebe_kaisetsu",
    "ayuu0123",
    "jalapeno_bot",
];

const USER_NAMES: &[&str] = &[
    "前田あゆみ",
    "KATANA",
    "ゆったり",
    "なすか",
    "Taka ✈",
    "Ayu 🍓",
    "Jalapeño",
];

const SOURCES: &[&str] = &[
    "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
    "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
    "<a href=\"https://twitter.com/\" rel=\"nofollow\">web</a>",
];

/// The first and last 20 bits are random, the middle looks like a 2014 id:
/// above 2^53, so the JSON number and the exact `id_str` differ.
fn tweet_id(rng: &mut Rng) -> u64 {
    505_874_000_000_000_000 + rng.below(1_000_000_000_000)
}

fn user(rng: &mut Rng) -> JsonValue {
    let id = 1_186_275_104 + rng.below(2_000_000_000);
    let screen = rng.pick(SCREEN_NAMES);
    obj(vec![
        ("id", num(id)),
        ("id_str", JsonValue::Str(id.to_string())),
        ("name", s(rng.pick(USER_NAMES))),
        ("screen_name", s(screen)),
        ("location", s(if rng.chance(0.5) { "東京" } else { "" })),
        ("description", s(rng.pick(TWEET_PARTS))),
        ("url", JsonValue::Null),
        (
            "entities",
            obj(vec![(
                "description",
                obj(vec![("urls", JsonValue::Array(Vec::new()))]),
            )]),
        ),
        ("protected", JsonValue::Bool(false)),
        ("followers_count", num(rng.below(5_000))),
        ("friends_count", num(rng.below(2_000))),
        ("listed_count", num(rng.below(50))),
        ("created_at", s("Sun Aug 31 00:29:15 +0000 2014")),
        ("favourites_count", num(rng.below(10_000))),
        (
            "utc_offset",
            if rng.chance(0.5) {
                num(32_400)
            } else {
                JsonValue::Null
            },
        ),
        (
            "time_zone",
            if rng.chance(0.5) {
                s("Tokyo")
            } else {
                JsonValue::Null
            },
        ),
        ("geo_enabled", JsonValue::Bool(rng.chance(0.3))),
        ("verified", JsonValue::Bool(false)),
        ("statuses_count", num(rng.below(100_000))),
        ("lang", s("ja")),
        ("contributors_enabled", JsonValue::Bool(false)),
        ("is_translator", JsonValue::Bool(false)),
        ("is_translation_enabled", JsonValue::Bool(false)),
        ("profile_background_color", s("C0DEED")),
        (
            "profile_background_image_url",
            s("http://abs.twimg.com/images/themes/theme1/bg.png"),
        ),
        ("profile_background_tile", JsonValue::Bool(false)),
        (
            "profile_image_url",
            JsonValue::Str(format!(
                "http://pbs.twimg.com/profile_images/{}/{screen}_normal.jpeg",
                rng.below(1 << 40)
            )),
        ),
        ("profile_link_color", s("0084B4")),
        ("profile_sidebar_border_color", s("C0DEED")),
        ("profile_text_color", s("333333")),
        ("profile_use_background_image", JsonValue::Bool(true)),
        ("default_profile", JsonValue::Bool(true)),
        ("default_profile_image", JsonValue::Bool(false)),
        ("following", JsonValue::Bool(false)),
        ("follow_request_sent", JsonValue::Bool(false)),
        ("notifications", JsonValue::Bool(false)),
    ])
}

fn status(rng: &mut Rng, nested: bool) -> JsonValue {
    let id = tweet_id(rng);
    let text: String = (0..1 + rng.below(3))
        .map(|_| rng.pick(TWEET_PARTS))
        .collect::<Vec<_>>()
        .join(" ");
    let mentions = (0..rng.below(3))
        .map(|_| {
            let uid = rng.below(3_000_000_000);
            obj(vec![
                ("screen_name", s(rng.pick(SCREEN_NAMES))),
                ("name", s(rng.pick(USER_NAMES))),
                ("id", num(uid)),
                ("id_str", JsonValue::Str(uid.to_string())),
                (
                    "indices",
                    JsonValue::Array(vec![num(0), num(1 + rng.below(15))]),
                ),
            ])
        })
        .collect();
    let mut pairs = vec![
        (
            "metadata",
            obj(vec![
                ("result_type", s("recent")),
                ("iso_language_code", s("ja")),
            ]),
        ),
        ("created_at", s("Sun Aug 31 00:29:15 +0000 2014")),
        ("id", num(id)),
        ("id_str", JsonValue::Str(id.to_string())),
        ("text", JsonValue::Str(text)),
        ("source", s(rng.pick(SOURCES))),
        ("truncated", JsonValue::Bool(false)),
        ("in_reply_to_status_id", JsonValue::Null),
        ("in_reply_to_status_id_str", JsonValue::Null),
        ("in_reply_to_user_id", JsonValue::Null),
        ("in_reply_to_user_id_str", JsonValue::Null),
        ("in_reply_to_screen_name", JsonValue::Null),
        ("user", user(rng)),
        ("geo", JsonValue::Null),
        ("coordinates", JsonValue::Null),
        ("place", JsonValue::Null),
        ("contributors", JsonValue::Null),
    ];
    if !nested && rng.chance(0.3) {
        pairs.push(("retweeted_status", status(rng, true)));
    }
    pairs.extend([
        ("retweet_count", num(rng.below(100))),
        ("favorite_count", num(rng.below(100))),
        (
            "entities",
            obj(vec![
                ("hashtags", JsonValue::Array(Vec::new())),
                ("symbols", JsonValue::Array(Vec::new())),
                ("urls", JsonValue::Array(Vec::new())),
                ("user_mentions", JsonValue::Array(mentions)),
            ]),
        ),
        ("favorited", JsonValue::Bool(false)),
        ("retweeted", JsonValue::Bool(false)),
        ("lang", s("ja")),
    ]);
    obj(pairs)
}

/// A twitter.json-like search result, pretty-printed with 2 spaces: an array
/// `statuses` of tweets (some with a nested `retweeted_status`), each with a
/// `user` object of ~36 fields, and `search_metadata`. Strings carry
/// Japanese, Greek, Cyrillic, Arabic, Hebrew, emoji (incl. ZWJ sequences and
/// flags), quotes, backslashes, tabs and line breaks. About 600 KB at scale 1.0.
///
/// Shape: `{"statuses":[{"metadata":{..},"created_at","id","id_str","text",
/// "source","truncated","in_reply_to_*","user":{..},"geo","coordinates",
/// "place","contributors",["retweeted_status":{..},]"retweet_count",
/// "favorite_count","entities":{"hashtags","symbols","urls",
/// "user_mentions"},"favorited","retweeted","lang"}],"search_metadata":{..}}`.
pub fn gen_twitter(scale: f64) -> String {
    let mut rng = Rng::new(0x7817_7E20_1408_0003);
    let count = scaled(170, scale);
    let statuses = (0..count).map(|_| status(&mut rng, false)).collect();
    let doc = obj(vec![
        ("statuses", JsonValue::Array(statuses)),
        (
            "search_metadata",
            obj(vec![
                ("completed_in", JsonValue::Number(0.087)),
                ("max_id", num(505_874_924_095_815_681)),
                ("max_id_str", s("505874924095815681")),
                (
                    "next_results",
                    s("?max_id=505874847260352512&q=%E4%B8%80&count=100&include_entities=1"),
                ),
                ("query", s("%E4%B8%80")),
                (
                    "refresh_url",
                    s("?since_id=505874924095815681&q=%E4%B8%80&include_entities=1"),
                ),
                ("count", num(100)),
                ("since_id", num(0)),
                ("since_id_str", s("0")),
            ]),
        ),
    ]);
    doc.to_json_pretty(2)
}
