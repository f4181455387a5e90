//! Built-in coaching text for the six steps: the questions a strong candidate works through.

/// Guidance per step, in framework order (requirements, capacity, apis, data model,
/// architecture, bottlenecks). Plain text; lines starting with "- " are bullets.
pub const GUIDANCE: [&str; 6] = [
    // requirements
    concat!(
        "Pin down what you are building, and for whom, before you draw a single box.\n",
        "- Which 3-4 user-facing features are in scope? Repeat them back to confirm.\n",
        "- What is out of scope? Say it out loud so nobody assumes it later.\n",
        "- How many users in total, how many active per day, and how spiky is traffic?\n",
        "- Read-heavy or write-heavy? Get a rough read:write ratio.\n",
        "- What latency do users expect on the hot path (e.g. p99 under 200 ms)?\n",
        "- Where is stale data acceptable, and where must a read see the latest write?\n",
        "- One region or global? Any availability target (99.9% vs 99.99%)?",
    ),
    // capacity
    concat!(
        "Turn the requirements into rough numbers that tell you what the design must handle.\n",
        "- Writes/s: daily writes / 10^5 (a day is 86,400 s); peak at 2-3× the average.\n",
        "- Reads/s: writes/s × the read:write ratio.\n",
        "- Storage/day: items per day × bytes per item; size media separately from metadata.\n",
        "- Total storage: per day × 365 × years retained, then × the replication factor.\n",
        "- Bandwidth in and out: requests/s × payload size for each direction.\n",
        "- Cache: hold the hot ~20% of a day's reads in memory; how many GB is that?\n",
        "- Round hard, state each assumption, and ask: does this force sharding?",
    ),
    // apis
    concat!(
        "Write down the contract clients rely on; it settles what data moves where.\n",
        "- Cover the in-scope features with 3-5 calls, and no more.\n",
        "- For each call: method, path, key parameters, and what comes back.\n",
        "- How is the caller identified: auth token, API key, user id from the session?\n",
        "- Paginate every list; a cursor holds up better than an offset on a live feed.\n",
        "- Which writes must be idempotent, and how are client retries deduplicated?\n",
        "- Where do rate limits apply, and what does a throttled client get (429)?\n",
        "- Keep large uploads off the API servers: hand out a direct-to-storage URL.",
    ),
    // data model
    concat!(
        "Let the access patterns choose the entities and the store, not the other way round.\n",
        "- Which entities and relationships exist? Sketch each with its key fields.\n",
        "- What are the main queries: by id, by owner, by time range?\n",
        "- Relational, key-value or wide-column? Justify it with the queries and the scale.\n",
        "- What is each primary key, and which secondary indexes do the queries need?\n",
        "- What is the shard key, and does it spread load evenly or create hot partitions?\n",
        "- Blobs belong in object storage; the database keeps a reference and metadata.\n",
        "- Do retention rules or TTLs shape the schema?",
    ),
    // architecture
    concat!(
        "Sketch the main path end to end, then walk one write and one read through it.\n",
        "- Clients → load balancer → stateless app servers; how do they scale out?\n",
        "- Which datastore, how is it replicated, and how is it partitioned?\n",
        "- Where does the cache sit, what is its key, and how are entries invalidated?\n",
        "- What runs asynchronously behind a queue: fan-out, notifications, processing?\n",
        "- Static and media content: object storage with a CDN in front?\n",
        "- Trace one write and one read through every component, naming each hop.\n",
        "- Check the design against the capacity numbers: do the boxes add up?",
    ),
    // bottlenecks
    concat!(
        "Find where the design breaks first, fix it, and say what each fix costs.\n",
        "- What saturates first if load grows 10×: database writes, cache, network?\n",
        "- Where are the single points of failure, and how does failover work?\n",
        "- Hot keys and hot partitions: celebrity accounts, viral items, skewed shard keys.\n",
        "- If the cache is cold or its hit rate drops, does the database survive?\n",
        "- During a network partition, is consistency or availability the right call here?\n",
        "- What would you monitor: QPS, p99 latency, error rate, queue depth?\n",
        "- For every change, name the price: cost, complexity, staleness or latency.",
    ),
];
