#!/usr/bin/python3
"""The organisation job of bench/run.sh written with pandas and python-igraph.

Usage: /usr/bin/python3 bench/reference.py [--as-of YYYY-MM-DD] [--exact-limit N] [--pivots K]
                                           PEOPLE.csv INTERACTIONS.csv OUT.csv

Reads relmap's generic CSV (people.csv, interactions.csv as written by
`relmap synth --org`), folds the interactions into weighted pairs, builds an undirected
weighted igraph Graph and computes the metrics of SPEC §3.3 on the whole graph (the group-ego
case: computed once, shared by every team), then writes one ranked CSV row per person.

Simplifications against SPEC §3.1 (documented, they do not change the cost much):
- once per pair, per conversation, per day: duplicate (pair, conversation, day) units keep
  the largest base; the weight is Σ base · d(age), d = max(0.5^(age/180), 0.05);
- direct (2 participants) 1.0; group e-mail/chat with k participants (3..20) 1/(k-1)
  sender↔each and 0.5/(k-1) between the others; meetings (k ≤ 20) 1/(k-1) between every two
  attendees; more than 20 participants is a broadcast and is ignored;
- the `manager` column adds 1.0, not decayed; the `weight` and `duration_min` columns are not
  used (synth writes no `weight`);
- no directed counts / status, no name resolution beyond the id column.
Metrics: PageRank (weighted, 0.85), betweenness and harmonic on hop distance — exact up to
--exact-limit nodes, above it estimated from --pivots seeded random sources (igraph's
`betweenness(sources=…)` subset Brandes and `distances(source=…)`, scaled by n/k — the
same estimator relmap uses), reach2 (neighbourhood_size(order=2)), Burt's constraint
(weighted), Louvain (community_multilevel, weighted). Effective size is not in igraph and
is not computed. Stage timings go to stderr.
"""
import argparse
import sys
import time

import numpy as np
import pandas as pd
import igraph as ig

T0 = time.time()


def stage(name, t):
    now = time.time()
    print(f"reference: {name:<14} {now - t:8.2f} s", file=sys.stderr, flush=True)
    return now


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--as-of", default=None)
    ap.add_argument("--exact-limit", type=int, default=20000)
    ap.add_argument("--pivots", type=int, default=2048)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("people")
    ap.add_argument("interactions")
    ap.add_argument("out")
    a = ap.parse_args()

    t = T0
    people = pd.read_csv(a.people, dtype=str, keep_default_na=False)
    inter = pd.read_csv(a.interactions, dtype=str, keep_default_na=False,
                        usecols=["time", "from", "to", "channel", "conversation"])
    t = stage("read", t)

    ts = pd.to_datetime(inter["time"], utc=True)
    as_of = pd.Timestamp(a.as_of, tz="UTC") + pd.Timedelta(days=1) if a.as_of else ts.max()
    age = ((as_of - ts).dt.total_seconds() / 86400.0).clip(lower=0).to_numpy()
    day = ts.dt.floor("D").astype("int64").to_numpy() // 86_400_000_000_000
    decay = np.maximum(np.power(0.5, age / 180.0), 0.05)

    # One row per participant: position 0 is the sender.
    to = inter["to"].str.split(";")
    k = to.str.len().to_numpy() + 1
    keep = k <= 20  # above: a broadcast
    rows = pd.DataFrame({"row": np.arange(len(inter))[keep], "to": to[keep].to_numpy()})
    rec = rows.explode("to", ignore_index=True)
    rec["pos"] = rec.groupby("row").cumcount() + 1
    snd = pd.DataFrame({"row": rows["row"], "to": inter["from"].to_numpy()[keep], "pos": 0})
    part = pd.concat([snd, rec], ignore_index=True).rename(columns={"to": "who"})
    part = part[part["who"] != ""]
    # Every two participants of a row.
    pairs = part.merge(part, on="row", suffixes=("_a", "_b"))
    pairs = pairs[pairs["pos_a"] < pairs["pos_b"]]
    r = pairs["row"].to_numpy()
    kk = k[r].astype(float)
    meeting = (inter["channel"].to_numpy()[r] == "meeting")
    sender = pairs["pos_a"].to_numpy() == 0
    base = np.where(kk <= 2, 1.0,
                    np.where(meeting | sender, 1.0 / (kk - 1), 0.5 / (kk - 1)))
    u = pairs["who_a"].to_numpy()
    v = pairs["who_b"].to_numpy()
    lo = np.where(u < v, u, v)
    hi = np.where(u < v, v, u)
    units = pd.DataFrame({"u": lo, "v": hi, "conv": inter["conversation"].to_numpy()[r],
                          "day": day[r], "w": base * decay[r]})
    units = units[units["u"] != units["v"]]
    del pairs, part, rec, rows
    # once per pair, per conversation, per day
    units = units.groupby(["u", "v", "conv", "day"], sort=False)["w"].max().reset_index()
    edges = units.groupby(["u", "v"], sort=False)["w"].sum().reset_index()
    del units
    mgr = people.loc[people.get("manager", pd.Series(dtype=str)).fillna("") != "", ["id", "manager"]] \
        if "manager" in people.columns else pd.DataFrame(columns=["id", "manager"])
    if len(mgr):
        a_, b_ = mgr["id"].to_numpy(), mgr["manager"].to_numpy()
        m = pd.DataFrame({"u": np.where(a_ < b_, a_, b_), "v": np.where(a_ < b_, b_, a_), "w": 1.0})
        m = m[m["u"] != m["v"]]
        edges = pd.concat([edges, m]).groupby(["u", "v"], sort=False)["w"].sum().reset_index()
    t = stage("fold", t)

    ids = pd.Index(pd.unique(np.concatenate([people["id"].to_numpy(), edges["u"].to_numpy(),
                                             edges["v"].to_numpy()])))
    ui = ids.get_indexer(edges["u"])
    vi = ids.get_indexer(edges["v"])
    g = ig.Graph(n=len(ids), edges=np.column_stack([ui, vi]).tolist(), directed=False)
    g.es["weight"] = edges["w"].to_numpy().tolist()
    n, m_ = g.vcount(), g.ecount()
    print(f"reference: graph {n} nodes, {m_} edges", file=sys.stderr, flush=True)
    t = stage("graph", t)

    out = pd.DataFrame({"id": ids})
    out["degree"] = g.degree()
    out["strength"] = g.strength(weights="weight")
    out["pagerank"] = g.pagerank(damping=0.85, weights="weight")
    t = stage("pagerank", t)

    norm = (n - 1) * (n - 2) / 2.0 if n > 2 else 1.0
    if n <= a.exact_limit:
        mode = "exact"
        bw = np.asarray(g.betweenness(directed=False))
        t = stage("betweenness", t)
        hm = np.asarray(g.harmonic_centrality(normalized=True))
        t = stage("harmonic", t)
    else:
        kp = min(a.pivots, n)
        mode = f"sampled: {kp} of {n} sources"
        piv = np.random.default_rng(a.seed).choice(n, size=kp, replace=False).tolist()
        # subset Brandes from the pivots to every node, scaled to the whole graph
        try:
            bw = np.asarray(g.betweenness(directed=False, sources=piv)) * (n / kp)
        except TypeError:  # python-igraph < 0.10.5 has no subset betweenness
            bw = np.full(n, np.nan)
            mode += "; betweenness NOT computed (this python-igraph has no sources=)"
        t = stage("betweenness", t)
        hsum = np.zeros(n)
        for i in range(0, kp, 64):  # 64 rows of n distances at a time
            d = np.asarray(g.distances(source=piv[i:i + 64]), dtype=float)
            with np.errstate(divide="ignore"):
                inv = np.where(np.isfinite(d) & (d > 0), 1.0 / d, 0.0)
            hsum += inv.sum(axis=0)
        hm = hsum * (n / kp) / (n - 1)
        t = stage("harmonic", t)
    out["betweenness"] = bw / norm
    out["harmonic"] = hm
    out["reach2"] = (np.asarray(g.neighborhood_size(order=2)) - 1) / max(n - 1, 1)
    t = stage("reach2", t)
    c = np.asarray(g.constraint(weights="weight"), dtype=float)
    c[np.asarray(g.degree()) == 0] = np.nan
    out["constraint"] = c
    t = stage("constraint", t)
    out["community"] = g.community_multilevel(weights="weight").membership
    t = stage("louvain", t)

    out["path_metrics"] = mode
    out = out.sort_values(["pagerank", "id"], ascending=[False, True])
    out.to_csv(a.out, index=False)
    t = stage("write", t)
    print(f"reference: total          {time.time() - T0:8.2f} s ({mode})", file=sys.stderr)


if __name__ == "__main__":
    main()
