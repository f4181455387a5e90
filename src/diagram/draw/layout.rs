//! The layered layout. Coordinates are abstract: `m` runs along the flow (x for left to
//! right, y for top down), `c` across it; `paint` maps them onto the grid.

use super::text::{self, Prepared};
use crate::diagram::{Direction, EdgeStyle, Shape};

/// More items than this (nodes, plus a dummy for each layer a long edge crosses) and the
/// graph is drawn as boxes alone.
const MAX_ITEMS: usize = 4000;
/// More cells than this and likewise: nobody scrolls through that.
const MAX_CELLS: i64 = 4_000_000;
/// Sweeps of the barycentre ordering (half down, half up).
const ORDER_SWEEPS: usize = 12;
/// Sweeps placing items across the flow (alternately down and up).
const PLACE_PASSES: usize = 4;

pub(super) struct Plan {
    pub direction: Direction,
    pub main_len: i32,
    pub cross_len: i32,
    pub boxes: Vec<BoxPlan>,
    pub frames: Vec<FramePlan>,
    pub lines: Vec<LinePlan>,
    pub texts: Vec<TextPlan>,
    pub titles: Vec<TitlePlan>,
    pub arrows: Vec<ArrowPlan>,
}

pub(super) struct BoxPlan {
    pub m: i32,
    pub c: i32,
    pub main: i32,
    pub cross: i32,
    pub shape: Shape,
    pub lines: Vec<String>,
}

pub(super) struct FramePlan {
    pub m0: i32,
    pub m1: i32,
    pub c0: i32,
    pub c1: i32,
}

/// A straight piece of line, `m0 == m1` or `c0 == c1`, ends included.
pub(super) struct LinePlan {
    pub m0: i32,
    pub c0: i32,
    pub m1: i32,
    pub c1: i32,
    pub style: EdgeStyle,
}

/// Text written left to right starting at (`m`, `c`).
pub(super) struct TextPlan {
    pub m: i32,
    pub c: i32,
    pub text: String,
}

/// A frame's title, written on its top side within `room` columns from (`m`, `c`), where
/// no edge crosses that side; on the bottom side, from (`bottom_m`, `bottom_c`), if more
/// of it fits there.
pub(super) struct TitlePlan {
    pub m: i32,
    pub c: i32,
    pub bottom_m: i32,
    pub bottom_c: i32,
    pub room: i32,
    pub title: String,
}

/// An arrowhead; `forward` points along the flow.
pub(super) struct ArrowPlan {
    pub m: i32,
    pub c: i32,
    pub forward: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Node(usize),
    Dummy,
    /// An edge's label, standing in the layer after its source.
    Label,
}

struct Item {
    kind: Kind,
    layer: usize,
    group: Option<usize>,
    /// Extent across the flow.
    cross: i32,
    /// Extent along the flow.
    main: i32,
    /// Where edges meet it, counted from its start across the flow.
    port: i32,
    /// Where edges drawn against the flow (closing a cycle) meet it.
    back_port: i32,
    label: Vec<String>,
}

struct Seg {
    a: usize,
    b: usize,
    edge: usize,
    first: bool,
    last: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Unit {
    Item(usize),
    Block(usize),
}

struct Block {
    lmin: usize,
    lmax: usize,
    /// Members in each layer from `lmin`, in order.
    members: Vec<Vec<usize>>,
    size: i32,
    title: String,
}

pub(super) fn plan(
    prep: &Prepared,
    direction: Direction,
    wrap: usize,
    edge_label: usize,
    unicode: bool,
) -> Option<Plan> {
    let lr = direction == Direction::LeftRight;
    let n = prep.nodes.len();
    let reversed = break_cycles(prep);
    let layer = assign_layers(prep, &reversed);
    let layer_count = layer.iter().copied().max().unwrap_or(0) + 1;

    // Items: the nodes, then the dummies and labels of each edge.
    let mut has_back = vec![false; n];
    for (e, edge) in prep.edges.iter().enumerate() {
        if reversed[e] {
            has_back[edge.from] = true;
            has_back[edge.to] = true;
        }
    }
    let mut items: Vec<Item> = prep
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let lines = text::wrap(&node.label, wrap, 3, unicode);
            let lw = lines.iter().map(|l| text::width(l)).max().unwrap_or(0) as i32;
            let nl = lines.len() as i32;
            let (main, cross, port, back_port) = if lr {
                let cross = if has_back[i] { nl.max(2) + 2 } else { nl + 2 };
                (lw + 4, cross, 1 + (nl - 1) / 2, cross - 2)
            } else {
                let cross = (lw + 4).max(if has_back[i] { 7 } else { 5 });
                (nl + 2, cross, cross / 2, cross / 2 + 2)
            };
            Item {
                kind: Kind::Node(i),
                layer: layer.get(i).copied().unwrap_or(0),
                group: prep.group_of.get(i).copied().flatten(),
                cross,
                main,
                port,
                back_port,
                label: lines,
            }
        })
        .collect();
    let mut segs: Vec<Seg> = Vec::new();
    for (e, edge) in prep.edges.iter().enumerate() {
        let (s, t) = if reversed[e] {
            (edge.to, edge.from)
        } else {
            (edge.from, edge.to)
        };
        let (ls, lt) = (layer[s], layer[t]);
        let group = match (prep.group_of[s], prep.group_of[t]) {
            (Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        };
        let mut prev = s;
        for k in ls + 1..lt {
            let is_label = k == ls + 1 && edge.label.is_some();
            let item = if is_label {
                let label = text::cut(edge.label.as_deref().unwrap_or(""), edge_label, unicode);
                let w = text::width(&label) as i32 + 2;
                let (main, cross, port) = if lr { (w, 1, 0) } else { (1, w, w / 2) };
                Item {
                    kind: Kind::Label,
                    layer: k,
                    group,
                    cross,
                    main,
                    port,
                    back_port: port,
                    label: vec![label],
                }
            } else {
                Item {
                    kind: Kind::Dummy,
                    layer: k,
                    group,
                    cross: 1,
                    main: 0,
                    port: 0,
                    back_port: 0,
                    label: Vec::new(),
                }
            };
            items.push(item);
            let id = items.len() - 1;
            segs.push(Seg {
                a: prev,
                b: id,
                edge: e,
                first: prev == s,
                last: false,
            });
            prev = id;
            if items.len() > MAX_ITEMS {
                return None;
            }
        }
        segs.push(Seg {
            a: prev,
            b: t,
            edge: e,
            first: prev == s,
            last: true,
        });
    }

    // Which port of each segment's ends it uses.
    let port_a = |s: &Seg, items: &[Item]| -> i32 {
        let it = &items[s.a];
        if s.first && reversed[s.edge] {
            it.back_port
        } else {
            it.port
        }
    };
    let port_b = |s: &Seg, items: &[Item]| -> i32 {
        let it = &items[s.b];
        if s.last && reversed[s.edge] {
            it.back_port
        } else {
            it.port
        }
    };

    // Neighbours of each item in the layer above and below.
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for s in &segs {
        down[s.a].push(s.b);
        up[s.b].push(s.a);
    }

    // Groups as blocks spanning the layers of their members.
    let mut blocks: Vec<Block> = prep
        .groups
        .iter()
        .map(|g| Block {
            lmin: usize::MAX,
            lmax: 0,
            members: Vec::new(),
            size: 0,
            title: g.title.clone(),
        })
        .collect();
    for it in &items {
        if let Some(b) = it.group.and_then(|g| blocks.get_mut(g)) {
            b.lmin = b.lmin.min(it.layer);
            b.lmax = b.lmax.max(it.layer);
        }
    }
    for b in &mut blocks {
        if b.lmin <= b.lmax {
            b.members = vec![Vec::new(); b.lmax - b.lmin + 1];
        }
    }

    // Units per layer, in the order first met.
    let mut layers: Vec<Vec<Unit>> = vec![Vec::new(); layer_count];
    for (id, it) in items.iter().enumerate() {
        match it.group {
            Some(g) => {
                let b = &mut blocks[g];
                b.members[it.layer - b.lmin].push(id);
                if !layers[it.layer].contains(&Unit::Block(g)) {
                    layers[it.layer].push(Unit::Block(g));
                }
            }
            None => layers[it.layer].push(Unit::Item(id)),
        }
    }
    for (g, b) in blocks.iter().enumerate() {
        if b.lmin > b.lmax {
            continue;
        }
        for units in &mut layers[b.lmin..=b.lmax] {
            if !units.contains(&Unit::Block(g)) {
                units.push(Unit::Block(g));
            }
        }
    }
    for units in &mut layers {
        keep_group_order(units);
    }

    order_layers(&mut layers, &mut blocks, &items, &up, &down, &segs);

    // Across the flow: sizes of blocks and where members sit in them.
    let gap = if lr { 1 } else { 2 };
    let mut rel = vec![0i32; items.len()];
    for b in &mut blocks {
        let stack = |ms: &Vec<usize>| -> i32 {
            ms.iter().map(|&i| items[i].cross).sum::<i32>() + gap * (ms.len() as i32 - 1).max(0)
        };
        let inner = b.members.iter().map(stack).max().unwrap_or(0);
        let title = text::width(&b.title) as i32;
        b.size = if lr {
            inner + 4
        } else {
            (inner + 4).max(title + 6)
        };
        for ms in &b.members {
            let mut at = (b.size - stack(ms)) / 2;
            for &i in ms {
                rel[i] = at;
                at += items[i].cross + gap;
            }
        }
    }
    let nvars = items.len() + blocks.len();
    let var = |u: Unit| match u {
        Unit::Item(i) => i,
        Unit::Block(g) => items.len() + g,
    };
    let size = |u: Unit| match u {
        Unit::Item(i) => items[i].cross,
        Unit::Block(g) => blocks[g].size,
    };
    let mut pos = vec![0i32; nvars];
    // Packed from the start, every unit after the one before it in its layer.
    for _ in 0..blocks.len() + 2 {
        let mut changed = false;
        for units in &layers {
            for w in units.windows(2) {
                let need = pos[var(w[0])] + size(w[0]) + gap;
                if pos[var(w[1])] < need {
                    pos[var(w[1])] = need;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Where each variable stands: (layer, index) pairs.
    let mut at: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nvars];
    for (k, units) in layers.iter().enumerate() {
        for (i, &u) in units.iter().enumerate() {
            at[var(u)].push((k, i));
        }
    }
    // The pulls on each variable: (own port offset, other item, other port offset).
    let mut pulls: Vec<Vec<(i32, usize, i32)>> = vec![Vec::new(); nvars];
    let owner = |i: usize| -> usize {
        match items[i].group {
            Some(g) => items.len() + g,
            None => i,
        }
    };
    for s in &segs {
        let (va, vb) = (owner(s.a), owner(s.b));
        if va == vb {
            continue;
        }
        let (pa, pb) = (port_a(s, &items), port_b(s, &items));
        let off = |i: usize, p: i32| {
            if items[i].group.is_some() {
                rel[i] + p
            } else {
                p
            }
        };
        pulls[va].push((off(s.a, pa), s.b, pb));
        pulls[vb].push((off(s.b, pb), s.a, pa));
    }
    let abs = |pos: &[i32], i: usize| -> i32 {
        match items[i].group {
            Some(g) => pos[items.len() + g] + rel[i],
            None => pos[i],
        }
    };
    let var_order: Vec<usize> = (0..nvars).filter(|&v| !at[v].is_empty()).collect();
    // Priority placement, sweeping down then up: in each layer, units move to where their
    // neighbours on the side swept from pull them, most important first (the dummies of
    // long edges, so those run straight; then nodes by how many edges pull them), pushing
    // less important ones aside but never one already placed. A group's block moves only
    // in its first layer of the sweep, within what its other layers allow.
    let block_first = |g: usize, down: bool| {
        let b = &blocks[g];
        if down { b.lmin } else { b.lmax }
    };
    for pass in 0..PLACE_PASSES {
        let down = pass % 2 == 0;
        for step in 0..layer_count {
            let k = if down { step } else { layer_count - 1 - step };
            let units = &layers[k];
            let side = |other_layer: usize| {
                if down {
                    other_layer < k
                } else {
                    other_layer > k
                }
            };
            let mut want: Vec<Option<i32>> = Vec::with_capacity(units.len());
            let mut prio: Vec<i64> = Vec::with_capacity(units.len());
            for &u in units {
                let v = var(u);
                let movable = match u {
                    Unit::Block(g) => block_first(g, down) == k,
                    Unit::Item(_) => true,
                };
                let chosen: Vec<&(i32, usize, i32)> = pulls[v]
                    .iter()
                    .filter(|p| match u {
                        Unit::Block(_) => true,
                        Unit::Item(_) => side(items[p.1].layer),
                    })
                    .collect();
                let w = if movable && !chosen.is_empty() {
                    let sum: i64 = chosen
                        .iter()
                        .map(|&&(own, other, op)| i64::from(abs(&pos, other) + op - own))
                        .sum();
                    Some((sum as f64 / chosen.len() as f64).round() as i32)
                } else {
                    None
                };
                want.push(w);
                prio.push(match u {
                    Unit::Block(_) => i64::MAX,
                    Unit::Item(i) if !matches!(items[i].kind, Kind::Node(_)) => 1 << 40,
                    Unit::Item(_) => chosen.len() as i64,
                });
            }
            let mut order: Vec<usize> = (0..units.len()).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(prio[i]));
            let mut fixed: Vec<bool> = units
                .iter()
                .map(|&u| matches!(u, Unit::Block(g) if block_first(g, down) != k))
                .collect();
            for i in order {
                let Some(mut target) = want[i] else {
                    fixed[i] = true;
                    continue;
                };
                let u = units[i];
                let v = var(u);
                // Bounds from fixed units (and what lies between) in this layer.
                let mut lo = i32::MIN;
                let mut room = 0;
                for j in (0..i).rev() {
                    room += size(units[j]) + gap;
                    if fixed[j] {
                        lo = pos[var(units[j])] + room;
                        break;
                    }
                }
                let mut hi = i32::MAX;
                let mut room = size(u) + gap;
                for j in i + 1..units.len() {
                    if fixed[j] {
                        hi = pos[var(units[j])] - room;
                        break;
                    }
                    room += size(units[j]) + gap;
                }
                // A block also stays clear of its neighbours in its other layers.
                if let Unit::Block(_) = u {
                    for &(ok, oi) in &at[v] {
                        if ok == k {
                            continue;
                        }
                        if oi > 0 {
                            let prev = layers[ok][oi - 1];
                            lo = lo.max(pos[var(prev)] + size(prev) + gap);
                        }
                        if let Some(&next) = layers[ok].get(oi + 1) {
                            hi = hi.min(pos[var(next)] - size(u) - gap);
                        }
                    }
                }
                if lo > hi {
                    fixed[i] = true;
                    continue;
                }
                target = target.clamp(lo, hi);
                pos[v] = target;
                // Push the units between aside.
                let mut edge_at = target;
                for j in (0..i).rev() {
                    if fixed[j] {
                        break;
                    }
                    let vj = var(units[j]);
                    let limit = edge_at - gap - size(units[j]);
                    if pos[vj] > limit {
                        pos[vj] = limit;
                    }
                    edge_at = pos[vj];
                }
                let mut edge_at = target + size(u) + gap;
                for j in i + 1..units.len() {
                    if fixed[j] {
                        break;
                    }
                    let vj = var(units[j]);
                    if pos[vj] < edge_at {
                        pos[vj] = edge_at;
                    }
                    edge_at = pos[vj] + size(units[j]) + gap;
                }
                fixed[i] = true;
            }
        }
    }
    let min_c = var_order.iter().map(|&v| pos[v]).min().unwrap_or(0);
    for p in &mut pos {
        *p -= min_c;
    }
    let cross_len = layers
        .iter()
        .flat_map(|units| units.iter().map(|&u| pos[var(u)] + size(u)))
        .max()
        .unwrap_or(0);

    // Channels between layers: tracks for the bends.
    let opens = |k: usize| blocks.iter().any(|b| b.lmin == k && b.lmin <= b.lmax);
    let closes = |k: usize| blocks.iter().any(|b| b.lmax == k && b.lmin <= b.lmax);
    let mut by_channel: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (i, s) in segs.iter().enumerate() {
        by_channel[items[s.a].layer].push(i);
    }
    let mut channels: Vec<Vec<Bus>> = Vec::with_capacity(layer_count);
    for seg_ids in &by_channel {
        let mut buses: Vec<Bus> = Vec::new();
        for &si in seg_ids {
            let s = &segs[si];
            let row = abs(&pos, s.a) + port_a(s, &items);
            let t = abs(&pos, s.b) + port_b(s, &items);
            match buses.iter_mut().find(|b| b.src == s.a && b.row == row) {
                Some(b) => b.segs.push((si, t)),
                None => buses.push(Bus {
                    src: s.a,
                    row,
                    segs: vec![(si, t)],
                    track: None,
                }),
            }
        }
        assign_tracks(&mut buses);
        channels.push(buses);
    }

    // Along the flow: layers and channels.
    let thick: Vec<i32> = {
        let mut t = vec![1i32; layer_count];
        for it in &items {
            t[it.layer] = t[it.layer].max(it.main);
        }
        t
    };
    let mut start = vec![0i32; layer_count];
    let mut open_at = vec![0i32; layer_count];
    let mut close_at = vec![0i32; layer_count];
    let mut track_at: Vec<i32> = vec![0; layer_count];
    let mut cur = 0i32;
    if opens(0) {
        open_at[0] = cur;
        cur += 2;
    }
    for k in 0..layer_count {
        start[k] = cur;
        cur += thick[k];
        if k + 1 == layer_count {
            if closes(k) {
                close_at[k] = cur + 1;
                cur += 2;
            }
            break;
        }
        cur += 1;
        if closes(k) {
            close_at[k] = cur;
            cur += 2;
        }
        let tracks = channels[k]
            .iter()
            .filter_map(|b| b.track)
            .max()
            .map_or(0, |t| t as i32 + 1);
        // Left to right, tracks stand two columns apart; top down, on consecutive rows.
        if lr {
            track_at[k] = cur + 1;
            cur += if tracks > 0 { 2 * tracks + 1 } else { 1 };
        } else {
            track_at[k] = cur;
            cur += tracks;
        }
        if opens(k + 1) {
            open_at[k + 1] = cur;
            cur += 2;
        }
        cur += 1;
    }
    let main_len = cur;
    if i64::from(main_len) * i64::from(cross_len) > MAX_CELLS {
        return None;
    }

    let m_of = |i: usize| -> i32 {
        let it = &items[i];
        start[it.layer] + (thick[it.layer] - it.main) / 2
    };
    let mut plan = Plan {
        direction,
        main_len,
        cross_len,
        boxes: Vec::new(),
        frames: Vec::new(),
        lines: Vec::new(),
        texts: Vec::new(),
        titles: Vec::new(),
        arrows: Vec::new(),
    };
    for (g, b) in blocks.iter().enumerate() {
        if b.lmin > b.lmax {
            continue;
        }
        let (m0, m1) = (open_at[b.lmin], close_at[b.lmax]);
        let c0 = pos[items.len() + g];
        let c1 = c0 + b.size - 1;
        plan.frames.push(FramePlan { m0, m1, c0, c1 });
        // Titles longer than this are cut, however big the frame.
        let room = (if lr { m1 - m0 - 3 } else { c1 - c0 - 3 }).min(60);
        if room >= 3 && !b.title.is_empty() {
            let (m, c) = if lr { (m0 + 2, c0) } else { (m0, c0 + 2) };
            let (bottom_m, bottom_c) = if lr { (m0 + 2, c1) } else { (m1, c0 + 2) };
            plan.titles.push(TitlePlan {
                m,
                c,
                bottom_m,
                bottom_c,
                room,
                title: b.title.clone(),
            });
        }
    }
    // The style of the edge each dummy carries.
    let mut style_into = vec![EdgeStyle::Solid; items.len()];
    for s in &segs {
        if let Some(e) = prep.edges.get(s.edge) {
            style_into[s.b] = e.style;
        }
    }
    for (i, it) in items.iter().enumerate() {
        let c = abs(&pos, i);
        match it.kind {
            Kind::Node(n) => plan.boxes.push(BoxPlan {
                m: m_of(i),
                c,
                main: it.main,
                cross: it.cross,
                shape: prep.nodes.get(n).map_or(Shape::Box, |p| p.shape),
                lines: it.label.clone(),
            }),
            Kind::Dummy | Kind::Label => {
                let style = style_into[i];
                let m0 = start[it.layer];
                let row = c + it.port;
                plan.lines.push(LinePlan {
                    m0,
                    c0: row,
                    m1: m0 + thick[it.layer] - 1,
                    c1: row,
                    style,
                });
                if it.kind == Kind::Label {
                    let label = format!(" {} ", it.label.first().map_or("", |s| s.as_str()));
                    let (m, tc) = if lr { (m_of(i), row) } else { (m_of(i), c) };
                    plan.texts.push(TextPlan {
                        m,
                        c: tc,
                        text: label,
                    });
                }
            }
        }
    }
    // Where a line leaves or reaches an item along the flow.
    let out_m = |i: usize, arrow_back: bool| -> i32 {
        let it = &items[i];
        match it.kind {
            Kind::Node(_) => m_of(i) + it.main - 1 + i32::from(arrow_back),
            _ => start[it.layer] + thick[it.layer] - 1,
        }
    };
    let in_m = |i: usize, arrow: bool| -> i32 {
        let it = &items[i];
        match it.kind {
            Kind::Node(_) => m_of(i) - i32::from(arrow),
            _ => start[it.layer],
        }
    };
    for (k, buses) in channels.iter().enumerate() {
        for bus in buses {
            let Some(&(first_seg, _)) = bus.segs.first() else {
                continue;
            };
            let s0 = &segs[first_seg];
            let edge0 = &prep.edges[s0.edge];
            let back_arrow = s0.first && reversed[s0.edge] && edge0.arrow;
            let from_m = out_m(bus.src, back_arrow);
            if back_arrow {
                plan.arrows.push(ArrowPlan {
                    m: from_m,
                    c: bus.row,
                    forward: false,
                });
            }
            let spacing = if lr { 2 } else { 1 };
            let track_m = bus.track.map(|t| track_at[k] + spacing * t as i32);
            // The stem and the track are shared: drawn in the edges' style if they all
            // have the same, else solid; each branch in its own edge's style.
            let style_of = |si: usize| {
                prep.edges
                    .get(segs[si].edge)
                    .map_or(EdgeStyle::Solid, |e| e.style)
            };
            let shared = bus
                .segs
                .iter()
                .map(|&(si, _)| style_of(si))
                .reduce(|a, b| if a == b { a } else { EdgeStyle::Solid })
                .unwrap_or(EdgeStyle::Solid);
            for &(si, t_row) in &bus.segs {
                let s = &segs[si];
                let edge = &prep.edges[s.edge];
                let arrow = s.last && !reversed[s.edge] && edge.arrow;
                let to_m = in_m(s.b, arrow);
                let style = edge.style;
                match track_m {
                    Some(tm) if t_row != bus.row => {
                        plan.lines.push(LinePlan {
                            m0: from_m,
                            c0: bus.row,
                            m1: tm,
                            c1: bus.row,
                            style: shared,
                        });
                        plan.lines.push(LinePlan {
                            m0: tm,
                            c0: bus.row,
                            m1: tm,
                            c1: t_row,
                            style: shared,
                        });
                        plan.lines.push(LinePlan {
                            m0: tm,
                            c0: t_row,
                            m1: to_m,
                            c1: t_row,
                            style,
                        });
                    }
                    _ => plan.lines.push(LinePlan {
                        m0: from_m,
                        c0: bus.row,
                        m1: to_m,
                        c1: t_row,
                        style,
                    }),
                }
                if arrow {
                    plan.arrows.push(ArrowPlan {
                        m: to_m,
                        c: t_row,
                        forward: true,
                    });
                }
            }
        }
    }
    Some(plan)
}

/// Which edges to lay out backwards so that the rest has no cycle. Only edges inside a
/// strongly connected component can close one. The components are taken in flow order;
/// inside one, each node is ranked by how soon the flow reaches it (from where it enters
/// the component, by the shortest way), and edges running against that rank are the ones
/// turned: `retry -> queue` rather than `queue -> worker`.
fn break_cycles(prep: &Prepared) -> Vec<bool> {
    let n = prep.nodes.len();
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (e, edge) in prep.edges.iter().enumerate() {
        out[edge.from].push((edge.to, e));
    }
    let len = |e: usize| -> usize { if prep.edges[e].label.is_some() { 2 } else { 1 } };
    let (comp, comps) = strongly_connected(&out);
    let mut reversed = vec![false; prep.edges.len()];
    // The earliest layer each node could take, from what feeds it so far.
    let mut arrive: Vec<Option<usize>> = vec![None; n];
    let mut layer = vec![0usize; n];
    let mut key: Vec<(usize, usize)> = vec![(usize::MAX, 0); n];
    for members in comps.iter().rev() {
        if let [v] = members[..] {
            layer[v] = arrive[v].unwrap_or(0);
        } else {
            // Shortest distance from the entries (Bellman-Ford: components are small).
            let mut dist: Vec<Option<usize>> = vec![None; n];
            for &v in members {
                dist[v] = arrive[v];
            }
            if members.iter().all(|&v| dist[v].is_none())
                && let Some(&first) = members.iter().min()
            {
                dist[first] = Some(0);
            }
            for _ in 0..members.len() {
                let mut changed = false;
                for &u in members {
                    let Some(du) = dist[u] else { continue };
                    for &(w, e) in &out[u] {
                        if comp[w] == comp[u] && dist[w].is_none_or(|dw| du + len(e) < dw) {
                            dist[w] = Some(du + len(e));
                            changed = true;
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            for &v in members {
                key[v] = (dist[v].unwrap_or(usize::MAX), v);
            }
            for &u in members {
                for &(w, e) in &out[u] {
                    if comp[w] == comp[u] && key[w] <= key[u] {
                        reversed[e] = true;
                    }
                }
            }
            let mut order = members.clone();
            order.sort_by_key(|&v| key[v]);
            for &v in &order {
                layer[v] = layer[v].max(arrive[v].unwrap_or(0));
                for &(w, e) in &out[v] {
                    if comp[w] == comp[v] && !reversed[e] {
                        layer[w] = layer[w].max(layer[v] + len(e));
                    }
                }
            }
        }
        for &v in members {
            for &(w, e) in &out[v] {
                if comp[w] != comp[v] {
                    let at = layer[v] + len(e);
                    arrive[w] = Some(arrive[w].map_or(at, |a| a.max(at)));
                }
            }
        }
    }
    reversed
}

/// Tarjan's strongly connected components, without recursion: each node's component,
/// and the components in reverse topological order.
fn strongly_connected(out: &[Vec<(usize, usize)>]) -> (Vec<usize>, Vec<Vec<usize>>) {
    let n = out.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut comps: Vec<Vec<usize>> = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = calls.last_mut() {
            if let Some(&(w, _)) = out[v].get(*i) {
                *i += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = comps.len();
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                members.sort_unstable();
                comps.push(members);
            }
        }
    }
    (comp, comps)
}

/// Each node's layer: the longest path to it (a labelled edge counts two, its label
/// taking the layer between), then sources pulled down next to what they feed.
fn assign_layers(prep: &Prepared, reversed: &[bool]) -> Vec<usize> {
    let n = prep.nodes.len();
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for (e, edge) in prep.edges.iter().enumerate() {
        let (s, t) = if reversed[e] {
            (edge.to, edge.from)
        } else {
            (edge.from, edge.to)
        };
        let len = if edge.label.is_some() { 2 } else { 1 };
        out[s].push((t, len));
        indeg[t] += 1;
    }
    let has_in: Vec<bool> = indeg.iter().map(|&d| d > 0).collect();
    let mut queue: Vec<usize> = (0..n).filter(|&i| indeg[i] == 0).collect();
    let mut topo = Vec::with_capacity(n);
    let mut head = 0;
    while let Some(&v) = queue.get(head) {
        head += 1;
        topo.push(v);
        for &(w, _) in &out[v] {
            indeg[w] -= 1;
            if indeg[w] == 0 {
                queue.push(w);
            }
        }
    }
    let mut layer = vec![0usize; n];
    for &v in &topo {
        for &(w, len) in &out[v] {
            layer[w] = layer[w].max(layer[v] + len);
        }
    }
    for &v in topo.iter().rev() {
        if has_in[v] || out[v].is_empty() {
            continue;
        }
        let nearest = out[v]
            .iter()
            .map(|&(w, len)| layer[w].saturating_sub(len))
            .min()
            .unwrap_or(0);
        layer[v] = layer[v].max(nearest);
    }
    layer
}

/// Blocks in a layer stay in the order of the groups, so that frames never cross.
fn keep_group_order(units: &mut [Unit]) {
    let mut groups: Vec<usize> = units
        .iter()
        .filter_map(|u| match u {
            Unit::Block(g) => Some(*g),
            Unit::Item(_) => None,
        })
        .collect();
    groups.sort_unstable();
    let mut next = groups.into_iter();
    for u in units.iter_mut() {
        if let Unit::Block(_) = u
            && let Some(g) = next.next()
        {
            *u = Unit::Block(g);
        }
    }
}

/// Orders every layer by the barycentre of each item's neighbours in the layer before
/// (sweeping down) or after (sweeping up), groups kept together; keeps the order with the
/// fewest crossings.
fn order_layers(
    layers: &mut [Vec<Unit>],
    blocks: &mut [Block],
    items: &[Item],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    segs: &[Seg],
) {
    let mut idx = vec![0f64; items.len()];
    let flatten = |layers: &[Vec<Unit>], blocks: &[Block], idx: &mut Vec<f64>| {
        for (k, units) in layers.iter().enumerate() {
            let mut i = 0usize;
            for &u in units {
                match u {
                    Unit::Item(it) => {
                        idx[it] = i as f64;
                        i += 1;
                    }
                    Unit::Block(g) => {
                        let b = &blocks[g];
                        if let Some(ms) = b.members.get(k.wrapping_sub(b.lmin)) {
                            for &m in ms {
                                idx[m] = i as f64;
                                i += 1;
                            }
                        }
                    }
                }
            }
        }
    };
    flatten(layers, blocks, &mut idx);
    let mut best = crossings(items, segs, &idx);
    let mut best_layers = layers.to_vec();
    let mut best_members: Vec<Vec<Vec<usize>>> = blocks.iter().map(|b| b.members.clone()).collect();
    for sweep in 0..ORDER_SWEEPS {
        if best == 0 {
            break;
        }
        let going_down = sweep % 2 == 0;
        let count = layers.len();
        for step in 1..count {
            let k = if going_down { step } else { count - 1 - step };
            let nb = if going_down { up } else { down };
            let bary = |i: usize, idx: &[f64]| -> f64 {
                let ns = &nb[i];
                if ns.is_empty() {
                    idx[i]
                } else {
                    ns.iter().map(|&n| idx[n]).sum::<f64>() / ns.len() as f64
                }
            };
            let mut keyed: Vec<(f64, Unit)> = Vec::with_capacity(layers[k].len());
            let mut flat_at = 0usize;
            for &u in &layers[k] {
                let key = match u {
                    Unit::Item(i) => {
                        flat_at += 1;
                        bary(i, &idx)
                    }
                    Unit::Block(g) => {
                        let b = &mut blocks[g];
                        match b.members.get_mut(k.wrapping_sub(b.lmin)) {
                            Some(ms) if !ms.is_empty() => {
                                let mut keyed_ms: Vec<(f64, usize)> =
                                    ms.iter().map(|&m| (bary(m, &idx), m)).collect();
                                keyed_ms.sort_by(|a, b| a.0.total_cmp(&b.0));
                                let key = keyed_ms.iter().map(|p| p.0).sum::<f64>()
                                    / keyed_ms.len() as f64;
                                *ms = keyed_ms.into_iter().map(|p| p.1).collect();
                                flat_at += ms.len();
                                key
                            }
                            _ => flat_at as f64,
                        }
                    }
                };
                keyed.push((key, u));
            }
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            layers[k] = keyed.into_iter().map(|p| p.1).collect();
            keep_group_order(&mut layers[k]);
            flatten(layers, blocks, &mut idx);
        }
        let c = crossings(items, segs, &idx);
        if c < best {
            best = c;
            best_layers = layers.to_vec();
            best_members = blocks.iter().map(|b| b.members.clone()).collect();
        }
    }
    layers.clone_from_slice(&best_layers);
    for (b, ms) in blocks.iter_mut().zip(best_members) {
        b.members = ms;
    }
}

/// Crossings between consecutive layers with items at positions `idx`: inversions among
/// the segments sorted by their upper end.
fn crossings(items: &[Item], segs: &[Seg], idx: &[f64]) -> u64 {
    let layers = items.iter().map(|i| i.layer).max().unwrap_or(0) + 1;
    let mut per: Vec<Vec<(u32, u32)>> = vec![Vec::new(); layers];
    for s in segs {
        per[items[s.a].layer].push((idx[s.a] as u32, idx[s.b] as u32));
    }
    let mut total = 0u64;
    for mut pairs in per {
        pairs.sort_unstable();
        let mut lower: Vec<u32> = pairs.into_iter().map(|p| p.1).collect();
        total += inversions(&mut lower);
    }
    total
}

/// Counts pairs i < j with v[i] > v[j], sorting `v` (merge sort).
fn inversions(v: &mut [u32]) -> u64 {
    let n = v.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut count = inversions(&mut v[..mid]) + inversions(&mut v[mid..]);
    let mut merged = Vec::with_capacity(n);
    let (mut i, mut j) = (0, mid);
    while i < mid && j < n {
        if v[i] <= v[j] {
            merged.push(v[i]);
            i += 1;
        } else {
            merged.push(v[j]);
            count += (mid - i) as u64;
            j += 1;
        }
    }
    merged.extend_from_slice(&v[i..mid]);
    merged.extend_from_slice(&v[j..n]);
    v.copy_from_slice(&merged);
    count
}

/// Gives each bus that bends a track in its channel: a bus whose source row is a row
/// another bus ends on goes on a track nearer the source layer, so the two lines never
/// run into each other; buses whose spans are apart share a track.
fn assign_tracks(buses: &mut [Bus]) {
    let n = buses.len();
    let bends: Vec<bool> = buses.iter().map(Bus::bends).collect();
    let span: Vec<(i32, i32)> = buses.iter().map(Bus::span).collect();
    // before[x] lists the buses that must be on an earlier track than x.
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); n];
    for x in 0..n {
        for y in 0..n {
            if x != y && bends[x] && bends[y] && buses[y].ends_on(buses[x].row) {
                before[y].push(x);
            }
        }
    }
    let mut done = vec![false; n];
    let mut track: Vec<Option<usize>> = vec![None; n];
    let mut used: Vec<Vec<(i32, i32)>> = Vec::new();
    let mut order: Vec<usize> = (0..n).filter(|&i| bends[i]).collect();
    order.sort_by_key(|&i| (span[i].1 - span[i].0, span[i].0));
    for _ in 0..order.len() {
        // The first bus whose predecessors are placed; failing that (a cycle), the first.
        let pick = order
            .iter()
            .copied()
            .find(|&i| !done[i] && before[i].iter().all(|&p| done[p]))
            .or_else(|| order.iter().copied().find(|&i| !done[i]));
        let Some(i) = pick else { break };
        done[i] = true;
        let min = before[i]
            .iter()
            .filter_map(|&p| track[p])
            .map(|t| t + 1)
            .max()
            .unwrap_or(0);
        let (a0, a1) = span[i];
        let mut t = min;
        loop {
            if used.len() <= t {
                used.resize(t + 1, Vec::new());
            }
            if used[t].iter().all(|&(b0, b1)| a1 < b0 - 1 || b1 < a0 - 1) {
                used[t].push((a0, a1));
                break;
            }
            t += 1;
        }
        track[i] = Some(t);
    }
    for (b, t) in buses.iter_mut().zip(track) {
        b.track = t;
    }
}

/// The lines in one channel leaving one port: a stem from the port to the bus's track,
/// along the track, then a branch to each target.
struct Bus {
    src: usize,
    row: i32,
    /// (segment, the row it arrives on)
    segs: Vec<(usize, i32)>,
    track: Option<usize>,
}

impl Bus {
    fn bends(&self) -> bool {
        self.segs.iter().any(|s| s.1 != self.row)
    }

    fn span(&self) -> (i32, i32) {
        let lo = self.segs.iter().map(|s| s.1).min().unwrap_or(self.row);
        let hi = self.segs.iter().map(|s| s.1).max().unwrap_or(self.row);
        (lo.min(self.row), hi.max(self.row))
    }

    fn ends_on(&self, row: i32) -> bool {
        self.segs.iter().any(|s| s.1 == row)
    }
}
