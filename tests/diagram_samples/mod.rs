//! Ten architecture diagrams of 10–25 nodes, built by hand, shared by the drawing's
//! tests (tests/diagram_draw.rs) and its benchmark (benches/diagram.rs). The same ten, as
//! Mermaid, were used to compare the crates that draw Mermaid (docs/diagram-libraries.md).

#![allow(dead_code)]

use sdcoach::diagram::{Direction, Edge, EdgeStyle, Graph, Group, Node, Shape};

use Direction::{LeftRight as LR, TopDown as TD};
use EdgeStyle::{Dotted, Solid, Thick};
use Shape::{Box as B, Cylinder as Db, Rhombus as Dec};

/// A graph from nodes `(id, label, shape)`, edges `(from, to, label, style)` by id, and
/// groups `(id, title, member ids)`. Panics on an unknown id: these are fixed samples.
pub fn graph(
    direction: Direction,
    nodes: &[(&str, &str, Shape)],
    edges: &[(&str, &str, Option<&str>, EdgeStyle)],
    groups: &[(&str, &str, &[&str])],
) -> Graph {
    let at = |id: &str| {
        nodes
            .iter()
            .position(|n| n.0 == id)
            .unwrap_or_else(|| panic!("no node {id}"))
    };
    Graph {
        direction,
        nodes: nodes
            .iter()
            .map(|&(id, label, shape)| Node {
                id: id.into(),
                label: label.into(),
                shape,
            })
            .collect(),
        edges: edges
            .iter()
            .map(|&(from, to, label, style)| Edge {
                from: at(from),
                to: at(to),
                label: label.map(Into::into),
                style,
                arrow: true,
            })
            .collect(),
        groups: groups
            .iter()
            .map(|&(id, title, members)| Group {
                id: id.into(),
                title: title.into(),
                nodes: members.iter().map(|m| at(m)).collect(),
            })
            .collect(),
    }
}

/// Every sample, by name.
pub fn all() -> Vec<(&'static str, Graph)> {
    vec![
        ("url_shortener", url_shortener()),
        ("news_feed", news_feed()),
        ("chat", chat()),
        ("presigned_upload", presigned_upload()),
        ("cdn", cdn()),
        ("sharded_db", sharded_db()),
        ("queue_workers", queue_workers()),
        ("search_indexing", search_indexing()),
        ("rate_limiter", rate_limiter()),
        ("video_platform", video_platform()),
    ]
}

/// URL shortener: write and read paths, key generator, cache, replica, click analytics.
pub fn url_shortener() -> Graph {
    graph(
        LR,
        &[
            ("client", "Client", B),
            ("dns", "DNS", B),
            ("lb", "Load balancer", B),
            ("write", "Write API", B),
            ("read", "Read API", B),
            ("keygen", "Key generator", B),
            ("cache", "Redis cache", Db),
            ("db", "URL DB primary", Db),
            ("replica", "URL DB replica", Db),
            ("clicks", "Click queue", B),
            ("agg", "Click aggregator", B),
            ("stats", "Analytics store", Db),
        ],
        &[
            ("client", "dns", None, Solid),
            ("client", "lb", Some("POST /shorten"), Solid),
            ("client", "lb", Some("GET /code"), Solid),
            ("lb", "write", None, Solid),
            ("lb", "read", None, Solid),
            ("write", "keygen", Some("next id"), Solid),
            ("write", "db", None, Solid),
            ("db", "replica", Some("replicates"), Dotted),
            ("read", "cache", None, Solid),
            ("read", "replica", Some("miss"), Solid),
            ("read", "clicks", Some("302 + event"), Solid),
            ("clicks", "agg", None, Solid),
            ("agg", "stats", None, Solid),
        ],
        &[],
    )
}

/// News feed with fan-out on write to cache shards, and pull for celebrities.
pub fn news_feed() -> Graph {
    graph(
        TD,
        &[
            ("user", "User posts", B),
            ("api", "Post API", B),
            ("posts", "Posts DB", Db),
            ("graph_", "Social graph", B),
            ("fanout", "Fan-out queue", B),
            ("w1", "Fan-out worker 1", B),
            ("w2", "Fan-out worker 2", B),
            ("w3", "Fan-out worker 3", B),
            ("f1", "Feed cache shard A", Db),
            ("f2", "Feed cache shard B", Db),
            ("f3", "Feed cache shard C", Db),
            ("celeb", "Celebrity posts", B),
            ("feed", "Feed service", B),
            ("reader", "User reads feed", B),
            ("notify", "Notifications", B),
        ],
        &[
            ("user", "api", Some("new post"), Solid),
            ("api", "posts", None, Solid),
            ("api", "fanout", Some("post id"), Solid),
            ("fanout", "w1", None, Solid),
            ("fanout", "w2", None, Solid),
            ("fanout", "w3", None, Solid),
            ("w1", "graph_", Some("followers"), Solid),
            ("w2", "graph_", None, Solid),
            ("w3", "graph_", None, Solid),
            ("w1", "f1", None, Solid),
            ("w2", "f2", None, Solid),
            ("w3", "f3", None, Solid),
            ("w1", "notify", None, Solid),
            ("reader", "feed", None, Solid),
            ("feed", "f1", None, Solid),
            ("feed", "f2", None, Solid),
            ("feed", "f3", None, Solid),
            ("feed", "celeb", Some("pull on read"), Solid),
            ("celeb", "posts", None, Solid),
        ],
        &[],
    )
}

/// Chat over WebSockets, in three subgraphs, with a CJK label.
pub fn chat() -> Graph {
    graph(
        LR,
        &[
            ("mobile", "Mobile app", B),
            ("web", "Web app", B),
            ("lb", "L4 load balancer", B),
            ("gw1", "WebSocket gateway 1", B),
            ("gw2", "WebSocket gateway 2", B),
            ("chat", "Chat service", B),
            ("presence", "Presence", B),
            ("sessions", "Session registry", Db),
            ("store", "消息存储 Cassandra", Db),
            ("kafka", "Kafka", B),
            ("push", "Push notifier", B),
            ("apns", "APNs / FCM", B),
        ],
        &[
            ("mobile", "lb", Some("wss"), Solid),
            ("web", "lb", Some("wss"), Solid),
            ("lb", "gw1", None, Solid),
            ("lb", "gw2", None, Solid),
            ("gw1", "chat", None, Solid),
            ("gw2", "chat", None, Solid),
            ("gw1", "presence", Some("heartbeat"), Solid),
            ("gw2", "presence", Some("heartbeat"), Solid),
            ("chat", "sessions", None, Solid),
            ("chat", "store", Some("append"), Solid),
            ("chat", "kafka", None, Solid),
            ("kafka", "gw1", Some("deliver"), Solid),
            ("kafka", "gw2", Some("deliver"), Solid),
            ("kafka", "push", Some("offline"), Solid),
            ("push", "apns", None, Solid),
        ],
        &[
            ("clients", "Clients", &["mobile", "web"]),
            ("edge", "Edge", &["lb", "gw1", "gw2"]),
            (
                "core",
                "Core services",
                &["chat", "presence", "sessions", "store", "kafka", "push"],
            ),
        ],
    )
}

/// Object storage upload through a pre-signed URL, with a dotted reply back to the client (a cycle) and a thick PUT.
pub fn presigned_upload() -> Graph {
    graph(
        TD,
        &[
            ("client", "Client", B),
            ("api", "Upload API", B),
            ("auth", "Auth service", B),
            ("meta", "Metadata DB", Db),
            ("s3", "Object store", Db),
            ("events", "Bucket events", B),
            ("queue", "Processing queue", B),
            ("thumb", "Thumbnail worker", B),
            ("scan", "Virus scanner", B),
            ("cdn", "CDN", B),
            ("viewer", "Viewer", B),
        ],
        &[
            ("client", "api", Some("1. ask for upload URL"), Solid),
            ("api", "auth", Some("check token"), Solid),
            ("api", "meta", Some("2. pending row"), Solid),
            ("api", "client", Some("3. pre-signed PUT URL"), Dotted),
            ("client", "s3", Some("4. PUT bytes"), Thick),
            ("s3", "events", Some("object created"), Solid),
            ("events", "queue", None, Solid),
            ("queue", "thumb", None, Solid),
            ("queue", "scan", None, Solid),
            ("thumb", "s3", Some("thumbnails"), Solid),
            ("scan", "meta", Some("5. mark ready"), Solid),
            ("viewer", "cdn", None, Solid),
            ("cdn", "s3", Some("cache miss"), Solid),
        ],
        &[],
    )
}

/// A CDN path: GeoDNS, edge PoPs (one with a CJK label), shield, origin.
pub fn cdn() -> Graph {
    graph(
        LR,
        &[
            ("user", "User in Osaka", B),
            ("user2", "User in Berlin", B),
            ("dns", "GeoDNS", Dec),
            ("tokyo", "東京 edge PoP", B),
            ("fra", "Frankfurt edge PoP", B),
            ("shield", "Regional shield cache", B),
            ("olb", "Origin load balancer", B),
            ("o1", "Origin server 1", B),
            ("o2", "Origin server 2", B),
            ("store", "Object storage", Db),
            ("purge", "Purge API", B),
        ],
        &[
            ("user", "dns", Some("lookup"), Solid),
            ("user2", "dns", Some("lookup"), Solid),
            ("dns", "tokyo", Some("nearest"), Solid),
            ("dns", "fra", Some("nearest"), Solid),
            ("tokyo", "shield", Some("miss"), Solid),
            ("fra", "shield", Some("miss"), Solid),
            ("shield", "olb", Some("miss"), Solid),
            ("olb", "o1", None, Solid),
            ("olb", "o2", None, Solid),
            ("o1", "store", None, Solid),
            ("o2", "store", None, Solid),
            ("purge", "tokyo", Some("invalidate"), Dotted),
            ("purge", "fra", Some("invalidate"), Dotted),
        ],
        &[],
    )
}

/// A sharded database: router, three shards with two replicas each, as subgraphs.
pub fn sharded_db() -> Graph {
    graph(
        TD,
        &[
            ("app1", "App server 1", B),
            ("app2", "App server 2", B),
            ("app3", "App server 3", B),
            ("router", "Query router", B),
            ("config", "Shard map", Db),
            ("p1", "Primary 1", Db),
            ("r1a", "Replica 1a", Db),
            ("r1b", "Replica 1b", Db),
            ("p2", "Primary 2", Db),
            ("r2a", "Replica 2a", Db),
            ("r2b", "Replica 2b", Db),
            ("p3", "Primary 3", Db),
            ("r3a", "Replica 3a", Db),
            ("r3b", "Replica 3b", Db),
            ("backup", "Nightly backup", B),
        ],
        &[
            ("app1", "router", None, Solid),
            ("app2", "router", None, Solid),
            ("app3", "router", None, Solid),
            ("router", "config", Some("lookup"), Solid),
            ("router", "p1", Some("writes"), Solid),
            ("router", "p2", Some("writes"), Solid),
            ("router", "p3", Some("writes"), Solid),
            ("p1", "r1a", Some("async"), Dotted),
            ("p1", "r1b", Some("async"), Dotted),
            ("p2", "r2a", Some("async"), Dotted),
            ("p2", "r2b", Some("async"), Dotted),
            ("p3", "r3a", Some("async"), Dotted),
            ("p3", "r3b", Some("async"), Dotted),
            ("r1b", "backup", None, Solid),
            ("r2b", "backup", None, Solid),
            ("r3b", "backup", None, Solid),
        ],
        &[
            ("s1", "Shard 1: users a-h", &["p1", "r1a", "r1b"]),
            ("s2", "Shard 2: users i-q", &["p2", "r2a", "r2b"]),
            ("s3", "Shard 3: users r-z", &["p3", "r3a", "r3b"]),
        ],
    )
}

/// Queue and workers with a dead-letter queue and a retry back to the broker (a cycle).
pub fn queue_workers() -> Graph {
    graph(
        LR,
        &[
            ("orders", "Order service", B),
            ("billing", "Billing service", B),
            ("email", "Email service", B),
            ("broker", "Message broker", B),
            ("wk1", "Worker 1", B),
            ("wk2", "Worker 2", B),
            ("wk3", "Worker 3", B),
            ("results", "Results DB", Db),
            ("dlq", "Dead-letter queue", B),
            ("retry", "Retry scheduler", B),
            ("alert", "On-call alert", B),
        ],
        &[
            ("orders", "broker", Some("enqueue"), Solid),
            ("billing", "broker", Some("enqueue"), Solid),
            ("email", "broker", Some("enqueue"), Solid),
            ("broker", "wk1", None, Solid),
            ("broker", "wk2", None, Solid),
            ("broker", "wk3", None, Solid),
            ("wk1", "results", None, Solid),
            ("wk2", "results", None, Solid),
            ("wk3", "results", None, Solid),
            ("wk1", "dlq", Some("failed"), Solid),
            ("wk2", "dlq", Some("failed"), Solid),
            ("wk3", "dlq", Some("failed"), Solid),
            ("dlq", "retry", None, Solid),
            ("retry", "broker", Some("backoff, retry"), Solid),
            ("dlq", "alert", Some("after 5 tries"), Solid),
        ],
        &[],
    )
}

/// A search indexing pipeline and its query path (scatter and gather: a cycle).
pub fn search_indexing() -> Graph {
    graph(
        LR,
        &[
            ("cdc", "DB change stream", B),
            ("crawler", "Web crawler", B),
            ("uploads", "Document uploads", B),
            ("log", "Kafka topic", B),
            ("parse", "Parser", B),
            ("enrich", "Tokenise + enrich", B),
            ("indexer", "Indexer", B),
            ("sh1", "Index shard 1", Db),
            ("sh2", "Index shard 2", Db),
            ("sh3", "Index shard 3", Db),
            ("query", "Query service", B),
            ("rank", "Ranker", B),
            ("rcache", "Result cache", Db),
            ("client", "Search box", B),
        ],
        &[
            ("cdc", "log", None, Solid),
            ("crawler", "log", None, Solid),
            ("uploads", "log", None, Solid),
            ("log", "parse", None, Solid),
            ("parse", "enrich", None, Solid),
            ("enrich", "indexer", None, Solid),
            ("indexer", "sh1", None, Solid),
            ("indexer", "sh2", None, Solid),
            ("indexer", "sh3", None, Solid),
            ("client", "query", Some("q=..."), Solid),
            ("query", "rcache", None, Solid),
            ("query", "sh1", Some("scatter"), Solid),
            ("query", "sh2", Some("scatter"), Solid),
            ("query", "sh3", Some("scatter"), Solid),
            ("sh1", "rank", Some("top k"), Solid),
            ("sh2", "rank", Some("top k"), Solid),
            ("sh3", "rank", Some("top k"), Solid),
            ("rank", "query", Some("gather"), Solid),
        ],
        &[
            ("ingest", "Ingest", &["cdc", "crawler", "uploads", "log"]),
            ("build", "Index build", &["parse", "enrich", "indexer"]),
            (
                "serve",
                "Serving",
                &["sh1", "sh2", "sh3", "query", "rank", "rcache"],
            ),
        ],
    )
}

/// A rate limiter in front of an API, a decision, and Retry-After back to the client (a cycle).
pub fn rate_limiter() -> Graph {
    graph(
        TD,
        &[
            ("client", "Client", B),
            ("gw", "API gateway", B),
            ("rl", "Rate limiter middleware", B),
            ("decide", "Under limit?", Dec),
            ("reject", "429 Too Many Requests", B),
            ("redis", "Redis counters", Db),
            ("rules", "Rules service", B),
            ("rcache", "Rules cache", Db),
            ("users", "Users API", B),
            ("orders", "Orders API", B),
            ("payments", "Payments API", B),
            ("metrics", "Metrics", B),
        ],
        &[
            ("client", "gw", None, Solid),
            ("gw", "rl", None, Solid),
            ("rl", "redis", Some("INCR + TTL"), Solid),
            ("rules", "rcache", Some("push rules"), Solid),
            ("rl", "rcache", None, Solid),
            ("rl", "decide", None, Solid),
            ("decide", "reject", Some("no"), Solid),
            ("decide", "users", Some("yes"), Solid),
            ("decide", "orders", Some("yes"), Solid),
            ("decide", "payments", Some("yes"), Solid),
            ("reject", "metrics", None, Dotted),
            ("rl", "metrics", Some("counts"), Dotted),
            ("reject", "client", Some("Retry-After"), Solid),
        ],
        &[],
    )
}

/// A video platform of 25 nodes: upload, transcoding with retries, metadata, delivery.
pub fn video_platform() -> Graph {
    graph(
        LR,
        &[
            ("creator", "Creator app", B),
            ("viewer", "Viewer app", B),
            ("uapi", "Upload API", B),
            ("raw", "Raw video bucket", Db),
            ("tq", "Transcode queue", B),
            ("t1", "Transcoder 1", B),
            ("t2", "Transcoder 2", B),
            ("t3", "Transcoder 3", B),
            ("pkg", "Packager HLS/DASH", B),
            ("out", "Encoded bucket", Db),
            ("vapi", "Video API", B),
            ("vdb", "Video DB", Db),
            ("search", "Search index", B),
            ("rec", "Recommendations", B),
            ("cdn", "CDN edge", B),
            ("shield", "Origin shield", B),
            ("manifest", "Manifest service", B),
            ("analytics", "View events", B),
            ("warehouse", "Warehouse", Db),
            ("mod_", "Moderation", B),
            ("dlq", "Failed jobs", B),
            ("auth", "Auth", B),
            ("thumb", "Thumbnail generator", B),
            ("captions", "Caption service", B),
            ("ads", "Ad decisions", B),
        ],
        &[
            ("creator", "uapi", Some("resumable upload"), Solid),
            ("uapi", "raw", None, Solid),
            ("uapi", "vdb", None, Solid),
            ("raw", "tq", Some("object created"), Solid),
            ("tq", "t1", None, Solid),
            ("tq", "t2", None, Solid),
            ("tq", "t3", None, Solid),
            ("t1", "pkg", None, Solid),
            ("t2", "pkg", None, Solid),
            ("t3", "pkg", None, Solid),
            ("t1", "dlq", Some("error"), Solid),
            ("dlq", "tq", Some("retry"), Solid),
            ("pkg", "out", None, Solid),
            ("pkg", "vapi", Some("ready"), Solid),
            ("vapi", "vdb", None, Solid),
            ("vapi", "search", None, Solid),
            ("vapi", "mod_", None, Solid),
            ("viewer", "vapi", None, Solid),
            ("viewer", "cdn", Some("segments"), Solid),
            ("cdn", "shield", Some("miss"), Solid),
            ("shield", "out", None, Solid),
            ("viewer", "manifest", None, Solid),
            ("manifest", "vdb", None, Solid),
            ("viewer", "analytics", Some("heartbeats"), Dotted),
            ("analytics", "warehouse", None, Solid),
            ("warehouse", "rec", None, Solid),
            ("rec", "vapi", None, Solid),
            ("uapi", "auth", Some("token"), Solid),
            ("pkg", "thumb", None, Solid),
            ("vapi", "captions", None, Solid),
            ("manifest", "ads", Some("ad breaks"), Solid),
        ],
        &[
            (
                "upload",
                "Upload path",
                &["uapi", "raw", "tq", "t1", "t2", "t3", "pkg", "out"],
            ),
            ("meta", "Metadata", &["vapi", "vdb", "search", "rec"]),
            ("delivery", "Delivery", &["cdn", "shield", "manifest"]),
        ],
    )
}

/// `n` boxes, each fed by one earlier box (a spread-out tree): far past what the layout
/// draws with edges, for the limits.
pub fn chain_of(n: usize) -> Graph {
    Graph {
        direction: Direction::LeftRight,
        nodes: (0..n)
            .map(|i| Node {
                id: format!("n{i}"),
                label: format!("Service {i}"),
                shape: Shape::Box,
            })
            .collect(),
        edges: (1..n)
            .map(|i| Edge {
                from: (i * 7919) % i,
                to: i,
                label: None,
                style: EdgeStyle::Solid,
                arrow: true,
            })
            .collect(),
        groups: Vec::new(),
    }
}

/// The architecture step's notes as a user might have them a few minutes in: a line of
/// prose, [`video_platform`] (25 nodes) as a ```mermaid block, then a trade-off.
pub fn architecture_notes() -> String {
    notes_around(&video_platform())
}

/// `graph` as a ```mermaid block between a line of prose and a trade-off. Its last line,
/// the last edge (`manifest --> ads` for [`video_platform`]), ends four lines above the
/// end of the notes.
pub fn notes_around(graph: &Graph) -> String {
    format!(
        "Uploads go through a queue to the transcoders; viewers stream from the CDN.\n\
         \n\
         ```mermaid\n\
         {}\
         ```\n\
         \n\
         Trade-off: three transcoders keep up with 500 hours of upload a minute at peak.\n",
        sdcoach::diagram::to_mermaid(graph)
    )
}

/// `n` nodes in a long chain with cross links and some edge labels, in one subgraph with
/// every ninth node: the most the layout takes on at `n` = 200 (many dummies).
pub fn tangled_chain(n: usize) -> Graph {
    Graph {
        direction: Direction::TopDown,
        nodes: (0..n)
            .map(|i| Node {
                id: format!("n{i}"),
                label: format!("Node number {i}"),
                shape: Shape::Round,
            })
            .collect(),
        edges: (1..n)
            .flat_map(|i| {
                [(i - 1, i), ((i * 31) % i, i), (i, (i * 17) % i)]
                    .into_iter()
                    .map(move |(from, to)| Edge {
                        from,
                        to,
                        label: (i % 5 == 0).then(|| format!("e{i}")),
                        style: EdgeStyle::Solid,
                        arrow: true,
                    })
            })
            .collect(),
        groups: vec![Group {
            id: "g".into(),
            title: "Some".into(),
            nodes: (0..n).step_by(9).collect(),
        }],
    }
}
