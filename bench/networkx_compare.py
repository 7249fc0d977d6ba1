#!/usr/bin/env python3
"""Times networkx on the edge list `engine-graph export` writes and compares with Continuity.

Usage: networkx_compare.py GRAPH CONTINUITY_TIMES [RUNS]

GRAPH is the file of bench/Continuity.Benchmarks/EngineGraph.cs (restore minutes per node,
"dependent dependency" edges, the reachability sources); CONTINUITY_TIMES is the output of
`engine-graph time` (name, median ms, min ms, runs, checksum; tab-separated). Prints, per
operation, both medians, the ratio and whether both computed the same answer; exits 1 when an
answer differs.
"""
import statistics
import sys
import time

import networkx as nx


def read_graph(path):
    weights, edges, sources = [], [], []
    section, left = None, 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if left == 0:
                section, count = line.split()
                left = int(count)
                continue
            left -= 1
            if section == "nodes":
                weights.append(int(line))
            elif section == "edges":
                a, b = line.split()
                edges.append((int(a), int(b)))
            elif section == "sources":
                sources.append(int(line))
    return weights, edges, sources


def timed(action, runs):
    """One warm-up, then `runs` timed calls; the median and min wall ms, the mean CPU ms, and the answer."""
    answer = action()
    times = []
    cpu = time.process_time()
    for _ in range(runs):
        start = time.perf_counter()
        value = action()
        times.append((time.perf_counter() - start) * 1000)
        assert value == answer, "the answer changed between runs"
    cpu_per_run = (time.process_time() - cpu) * 1000 / runs
    return statistics.median(times), min(times), cpu_per_run, answer


def main():
    graph_path, continuity_path = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    weights, edges, sources = read_graph(graph_path)
    n = len(weights)

    # G: an edge dependent -> dependency, as in the file.
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_edges_from(edges)
    print(f"networkx {nx.__version__}, Python {sys.version.split()[0]}: {n:,} nodes, {G.number_of_edges():,} edges, "
          f"{len(sources)} reachability sources, acyclic: {nx.is_directed_acyclic_graph(G)}; {runs} runs each (after one warm-up)")

    # For dag_longest_path_length: edges dependency -> dependent weighted with the dependent's
    # restore minutes, and a super-source to every node weighted with that node's minutes, so the
    # longest path from the super-source is the largest worst-case RTO. Built outside the timing.
    H = nx.DiGraph()
    H.add_nodes_from(range(n + 1))
    H.add_weighted_edges_from(((b, a, weights[a]) for a, b in edges), weight="w")
    H.add_weighted_edges_from(((n, v, weights[v]) for v in range(n)), weight="w")

    def downstream():
        # Everything a failure of the source takes down: the source and all that depend on it.
        return sum(len(nx.ancestors(G, s)) + 1 for s in sources)

    def upstream():
        # Everything whose failure takes the source down: the source and all it depends on.
        return sum(len(nx.descendants(G, s)) + 1 for s in sources)

    def downstream_set():
        # Everything the failure of all the sources at once takes down.
        down = set(sources)
        for s in sources:
            down |= nx.ancestors(G, s)
        return len(down)

    def topological():
        return len(list(nx.topological_sort(G)))

    def longest_dp():
        # Worst-case RTO of every node: its restore minutes plus the latest of its dependencies.
        rto = [0] * n
        for v in reversed(list(nx.topological_sort(G))):
            rto[v] = weights[v] + max((rto[d] for d in G.successors(v)), default=0)
        return max(rto) * 1_000_000_000_000 + sum(rto)

    def longest_nx():
        return nx.dag_longest_path_length(H, weight="w")

    continuity = {}
    with open(continuity_path, encoding="utf-8") as f:
        for line in f:
            name, median, minimum, cpu, count, checksum = line.rstrip("\n").split("\t")
            continuity[name] = (float(median), float(minimum), float(cpu), int(count), int(checksum))

    def by_prefix(prefix):
        return next(v for k, v in continuity.items() if k.startswith(prefix))

    rows = [
        ("reachability: what a failure takes down", "nx.ancestors per source", downstream,
         by_prefix("reachability: what a failure"), lambda c, x: c == x),
        ("reachability: what the whole set takes down", "union of nx.ancestors", downstream_set,
         by_prefix("reachability: what a failure of the whole set"), lambda c, x: c == x),
        ("reachability: what takes a node down", "nx.descendants per source", upstream,
         by_prefix("reachability: what takes a node down (FailureSets)"), lambda c, x: c == x),
        ("  the same, failure sets computed once", "nx.descendants per source", upstream,
         by_prefix("reachability: what takes a node down, sets computed once"), lambda c, x: c == x),
        ("topological order", "list(nx.topological_sort)", topological,
         by_prefix("topological order"), lambda c, x: c == x),
        ("longest path (worst-case RTO of every node)", "topological_sort + DP in Python", longest_dp,
         by_prefix("longest path"), lambda c, x: c == x),
        ("longest path (largest worst-case RTO only)", "nx.dag_longest_path_length", longest_nx,
         by_prefix("longest path"), lambda c, x: c // 1_000_000_000_000 == x),
    ]

    print()
    print(f"{'':<46} {'':<34} {'wall ms (median)':^28}  {'CPU ms (mean)':^28}")
    print(f"{'operation':<46} {'networkx call':<34} {'Continuity':>10} {'networkx':>9} {'ratio':>7}  {'Continuity':>10} {'networkx':>9} {'ratio':>7}  answer")
    failed = False
    for name, call, action, (c_median, c_min, c_cpu, c_runs, c_answer), same in rows:
        x_median, x_min, x_cpu, x_answer = timed(action, runs)
        ok = same(c_answer, x_answer)
        failed |= not ok
        print(f"{name:<46} {call:<34} {c_median:>10.2f} {x_median:>9.1f} {x_median / c_median:>6.0f}x  "
              f"{c_cpu:>10.2f} {x_cpu:>9.1f} {x_cpu / max(c_cpu, 1e-9):>6.0f}x  "
              f"{'same' if ok else 'DIFFERENT'} (Continuity {c_answer}, networkx {x_answer})")
    print()
    print("Wall: median of the timed runs (Continuity: in one warm .NET process, `engine-graph time`; networkx: the runs above).")
    print("CPU: process CPU time over all timed runs / runs (Continuity: all threads, GC included; networkx: process_time).")
    print("Ratio = networkx / Continuity. CPU time is steadier than wall time on a loaded machine.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
