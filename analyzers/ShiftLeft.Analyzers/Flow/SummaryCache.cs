using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>
    /// The method summaries of one compilation, computed so that what a caller sees never depends on which caller,
    /// or which thread, asked first.
    /// <list type="bullet">
    /// <item>Recursion: a method's summary is computed together with its recursive group (the strongly connected group
    /// the pre-check's reachability walk found). In a first pass a call inside the group is an unknown call
    /// (argument-to-result); then every member is recomputed from the previous round's summaries of the others, all at
    /// once, until no summary changes (or <see cref="MaxGroupRounds"/>). Whichever member is asked for first, the
    /// group comes out the same.</item>
    /// <item>Depth: a group is computed at the depth it is asked for. A summary cut short by the call-depth limit
    /// somewhere below it is stored under (method, depth); a complete one is stored under the method, and used at a
    /// depth only if its chain of summaries (<see cref="MethodSummary.Height"/>) would have fitted there.</item>
    /// </list>
    /// Two threads may compute the same group; they compute the same summaries, and the first stored is kept.
    /// </summary>
    internal sealed class SummaryCache
    {
        private const int MaxGroupRounds = 4;

        // The summaries of the group being computed on this thread (null: none, or the member's first pass); a
        // call to a member reads them instead of computing the member again.
        [ThreadStatic]
        private static Dictionary<IMethodSymbol, MethodSummary?>? s_group;

        [ThreadStatic]
        private static bool s_groupCalled;

        private readonly Compute _compute;
        private readonly Func<IMethodSymbol, ImmutableArray<IMethodSymbol>> _groupOf;
        private readonly int _maxDepth;
        private readonly ConcurrentDictionary<IMethodSymbol, MethodSummary?> _complete =
            new ConcurrentDictionary<IMethodSymbol, MethodSummary?>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<(IMethodSymbol, int), MethodSummary?> _truncated =
            new ConcurrentDictionary<(IMethodSymbol, int), MethodSummary?>(KeyComparer.Instance);

        public SummaryCache(Compute compute, Func<IMethodSymbol, ImmutableArray<IMethodSymbol>> groupOf, int maxDepth)
        {
            _compute = compute;
            _groupOf = groupOf;
            _maxDepth = maxDepth;
        }

        /// <summary>Computes the summary of a method asked for at a depth, from <paramref name="graph"/> when the caller
        /// has it (a local function) or else from a graph it builds and hands back; says whether the depth limit cut it short.</summary>
        public delegate MethodSummary? Compute(IMethodSymbol method, ref ControlFlowGraph? graph, int depth, out bool truncated);

        /// <summary>The summary of <paramref name="method"/> (an original definition) asked for at <paramref name="depth"/>;
        /// null for a call the caller treats as unknown: a member of the group being computed (first pass), a method past
        /// the depth limit (<paramref name="truncated"/> set), or one without a body.</summary>
        public MethodSummary? Get(IMethodSymbol method, ControlFlowGraph? graph, int depth, out bool truncated)
        {
            truncated = false;
            if (_complete.TryGetValue(method, out var complete) && Fits(complete, depth))
                return complete;
            if (s_group is { } current && current.TryGetValue(method, out var previous))
            {
                s_groupCalled = true;
                return previous;
            }

            truncated = true;
            if (depth > _maxDepth)
                return null;
            if (_truncated.TryGetValue((method, depth), out var partial))
                return partial;

            var group = graph is null ? _groupOf(method) : ImmutableArray.Create(method);
            var summaries = ComputeGroup(method, graph, group, depth, out truncated);
            MethodSummary? result = null;
            for (var i = 0; i < group.Length; i++)
            {
                var stored = truncated ? _truncated.GetOrAdd((group[i], depth), summaries[i]) : _complete.GetOrAdd(group[i], summaries[i]);
                if (SymbolEqualityComparer.Default.Equals(group[i], method))
                    result = stored;
            }

            return result;
        }

        private MethodSummary?[] ComputeGroup(IMethodSymbol method, ControlFlowGraph? graph, ImmutableArray<IMethodSymbol> group, int depth, out bool truncated)
        {
            var outer = s_group;
            var outerCalled = s_groupCalled;
            var previous = new Dictionary<IMethodSymbol, MethodSummary?>(SymbolEqualityComparer.Default);
            foreach (var member in group)
                previous[member] = null; // first pass: calls inside the group are unknown
            var summaries = new MethodSummary?[group.Length];
            var graphs = new ControlFlowGraph?[group.Length]; // built in the first pass, reused by the rounds
            for (var i = 0; i < group.Length; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(group[i], method))
                    graphs[i] = graph;
            }

            truncated = false;
            try
            {
                s_group = previous;
                s_groupCalled = false;
                ComputeRound(group, graphs, depth, summaries, ref truncated);
                if (s_groupCalled)
                {
                    // Calls inside the group are not part of a chain: the group's height is its tallest first-pass member's.
                    var height = 0;
                    foreach (var summary in summaries)
                        height = Math.Max(height, summary?.Height ?? 0);
                    for (var round = 0; round < MaxGroupRounds; round++)
                    {
                        previous = new Dictionary<IMethodSymbol, MethodSummary?>(SymbolEqualityComparer.Default);
                        for (var i = 0; i < group.Length; i++)
                            previous[group[i]] = summaries[i];
                        s_group = previous;
                        var next = new MethodSummary?[group.Length];
                        ComputeRound(group, graphs, depth, next, ref truncated);
                        var changed = false;
                        for (var i = 0; i < group.Length; i++)
                            changed |= !MethodSummary.Same(summaries[i], next[i]);
                        summaries = next;
                        if (!changed)
                            break;
                    }

                    foreach (var summary in summaries)
                    {
                        if (summary is not null)
                            summary.Height = height;
                    }
                }
            }
            finally
            {
                s_group = outer;
                s_groupCalled = outerCalled;
            }

            return summaries;
        }

        private void ComputeRound(ImmutableArray<IMethodSymbol> group, ControlFlowGraph?[] graphs, int depth, MethodSummary?[] summaries, ref bool truncated)
        {
            for (var i = 0; i < group.Length; i++)
            {
                summaries[i] = _compute(group[i], ref graphs[i], depth, out var cut);
                truncated |= cut;
            }
        }

        /// <summary>Whether a complete summary is what a computation at <paramref name="depth"/> would give: its chain of
        /// summaries stays within the depth limit from there.</summary>
        private bool Fits(MethodSummary? summary, int depth) => summary is null || summary.Height <= _maxDepth - depth;

        private sealed class KeyComparer : IEqualityComparer<(IMethodSymbol Method, int Depth)>
        {
            public static readonly KeyComparer Instance = new KeyComparer();

            public bool Equals((IMethodSymbol Method, int Depth) x, (IMethodSymbol Method, int Depth) y) =>
                x.Depth == y.Depth && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

            public int GetHashCode((IMethodSymbol Method, int Depth) obj) =>
                SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31 + obj.Depth;
        }
    }
}
