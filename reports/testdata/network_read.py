"""Reads network.gexf and network.graphml back with networkx, for reports' TestNetworkNetworkx.

Usage: network_read.py GEXF GRAPHML ID...

Prints one JSON object: networkx's version and, for "gexf" and "graphml", the graph's node
and edge counts, whether it came back directed or as a multigraph, the sum of the edge
weights, and for each ID its attributes as [value, python type name].
"""

import json
import sys

import networkx as nx


def describe(g, ids):
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "weight": sum(w for _, _, w in g.edges(data="weight", default=0.0)),
        "attrs": {
            i: {k: [v, type(v).__name__] for k, v in g.nodes[i].items()}
            for i in ids
            if i in g
        },
    }


def main():
    gexf, graphml, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
    out = {
        "networkx": nx.__version__,
        "gexf": describe(nx.read_gexf(gexf), ids),
        "graphml": describe(nx.read_graphml(graphml), ids),
    }
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


main()
