using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>
    /// The method summaries of one compilation, computed so that what a caller sees never depends on which caller,
    /// or which thread, asked first.
    /// <list type="bullet">
    /// <item>Recursion: summaries are computed depth-first, and the walk finds each group of mutually recursive
    /// methods as it goes (Tarjan's strongly connected components). In the first pass a call inside the group is an
    /// unknown call (argument-to-result), whichever member the walk entered first; then every member is recomputed from
    /// the previous round's summaries of the others, all at once, until no summary changes (or
    /// <see cref="MaxGroupRounds"/>). The group is stored when that ends, all members together.</item>
    /// <item>Depth: a summary cut short by the call-depth limit somewhere below it depends only on the depth it was
    /// computed at, and is stored under (method, depth); a complete one is stored under the method, and used at a
    /// depth only if its chain of summaries (<see cref="MethodSummary.Height"/>) would have fitted there.</item>
    /// </list>
    /// Two threads may compute the same group; the first to store it wins and the other adopts the stored summaries.
    /// </summary>
    internal sealed class SummaryCache
    {
        private const int MaxGroupRounds = 4;

        [ThreadStatic]
        private static Walk? s_walk;

        private readonly Compute _compute;
        private readonly int _maxDepth;
        private readonly object _storeLock = new object();
        private readonly ConcurrentDictionary<IMethodSymbol, MethodSummary?> _complete =
            new ConcurrentDictionary<IMethodSymbol, MethodSummary?>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<(IMethodSymbol, int), MethodSummary?> _truncated =
            new ConcurrentDictionary<(IMethodSymbol, int), MethodSummary?>(KeyComparer.Instance);

        public SummaryCache(Compute compute, int maxDepth)
        {
            _compute = compute;
            _maxDepth = maxDepth;
        }

        /// <summary>Computes the summary of a method asked for at a depth, from <paramref name="graph"/> when the caller
        /// has it (a local function) or else from a graph it builds and hands back; says whether the depth limit cut it short.</summary>
        public delegate MethodSummary? Compute(IMethodSymbol method, ref ControlFlowGraph? graph, int depth, out bool truncated);

        /// <summary>The summary of <paramref name="method"/> (an original definition) asked for at <paramref name="depth"/>;
        /// null for a call the caller treats as unknown: a member of its own recursive group (first pass), a method past
        /// the depth limit (<paramref name="truncated"/> set), or one without a body.</summary>
        public MethodSummary? Get(IMethodSymbol method, ControlFlowGraph? graph, int depth, out bool truncated)
        {
            truncated = false;
            if (_complete.TryGetValue(method, out var complete) && Fits(complete, depth))
                return complete;

            var walk = s_walk ??= new Walk();
            if (walk.Round is { } round && round.TryGetValue(method, out var previous))
                return previous; // recomputing a recursive group: the other members' summaries from the last round

            var caller = walk.Top;
            if (walk.IndexOf(method) is int index)
            {
                // On the walk and not stored yet: the caller and this method are in one recursive group.
                if (caller is not null)
                {
                    caller.Low = Math.Min(caller.Low, index);
                    caller.Recursive = true;
                }

                return null;
            }

            truncated = true;
            if (depth > _maxDepth)
                return null;
            if (_truncated.TryGetValue((method, depth), out var partial))
                return partial;

            var frame = walk.Push(method);
            MethodSummary? summary;
            bool cut;
            try
            {
                summary = _compute(method, ref graph, depth, out cut);
                walk.Pop();
                cut |= frame.Truncated;
                if (frame.Low < frame.Index)
                {
                    // Part of a group whose first member is still running: held until that member finishes.
                    walk.Hold(new Member(method, graph, depth, summary, frame.Index));
                    caller!.Low = Math.Min(caller.Low, frame.Low);
                    caller.Truncated |= cut;
                    caller.Recursive |= frame.Recursive;
                    truncated = false;
                    return null;
                }

                // The first-entered member of a group (usually a group of one): the group is final after its rounds.
                // A member's cut and recursion reached this frame through its caller's flags.
                var members = walk.Release(frame.Index);
                members.Add(new Member(method, graph, depth, summary, frame.Index));
                if (frame.Recursive)
                {
                    // Calls inside the group are not part of a chain: the group's height is its tallest first-pass
                    // member's (in the first pass those calls were unknown), whatever the rounds added.
                    var height = 0;
                    foreach (var member in members)
                        height = Math.Max(height, member.Summary?.Height ?? 0);
                    cut |= Rounds(walk, members);
                    foreach (var member in members)
                    {
                        if (member.Summary is not null)
                            member.Summary.Height = height;
                    }
                }

                lock (_storeLock)
                {
                    foreach (var member in members)
                    {
                        var stored = Store(member, cut);
                        if (member.Index == frame.Index)
                            summary = stored;
                    }
                }
            }
            catch
            {
                walk.Clear(); // cancellation or a bug: drop the half-built walk, the next analysis starts afresh
                throw;
            }

            truncated = cut;
            return summary;
        }

        /// <summary>Recomputes every member of a recursive group from the previous round's summaries of the others
        /// until none changes; returns whether the depth limit cut any of them short.</summary>
        private bool Rounds(Walk walk, List<Member> members)
        {
            var cut = false;
            var outer = walk.Round; // a group finishing inside another group's round
            for (var round = 0; round < MaxGroupRounds; round++)
            {
                var previous = new Dictionary<IMethodSymbol, MethodSummary?>(SymbolEqualityComparer.Default);
                foreach (var member in members)
                    previous[member.Method] = member.Summary;

                walk.Round = previous;
                var changed = false;
                for (var i = 0; i < members.Count; i++)
                {
                    var member = members[i];
                    var graph = member.Graph;
                    walk.Push(member.Method);
                    var next = _compute(member.Method, ref graph, member.Depth, out var memberCut);
                    walk.Pop();
                    cut |= memberCut;
                    changed |= !MethodSummary.Same(member.Summary, next);
                    members[i] = new Member(member.Method, graph, member.Depth, next, member.Index);
                }

                walk.Round = outer;
                if (!changed)
                    break;
            }

            return cut;
        }

        /// <summary>Whether a complete summary is what a computation at <paramref name="depth"/> would give: its chain of
        /// summaries stays within the depth limit from there.</summary>
        private bool Fits(MethodSummary? summary, int depth) => summary is null || summary.Height <= _maxDepth - depth;

        private MethodSummary? Store(Member member, bool truncated) =>
            truncated ? _truncated.GetOrAdd((member.Method, member.Depth), member.Summary) : _complete.GetOrAdd(member.Method, member.Summary);

        private sealed class Frame
        {
            public Frame(int index) => Index = Low = index;

            public int Index { get; }

            /// <summary>The lowest index of a method on the walk this frame reaches (Tarjan's low-link).</summary>
            public int Low { get; set; }

            /// <summary>A group member at or below this frame was cut short by the depth limit.</summary>
            public bool Truncated { get; set; }

            /// <summary>A group member at or below this frame calls a member of its group (itself included).</summary>
            public bool Recursive { get; set; }
        }

        private readonly struct Member
        {
            public Member(IMethodSymbol method, ControlFlowGraph? graph, int depth, MethodSummary? summary, int index)
            {
                Method = method;
                Graph = graph;
                Depth = depth;
                Summary = summary;
                Index = index;
            }

            public IMethodSymbol Method { get; }

            public ControlFlowGraph? Graph { get; }

            public int Depth { get; }

            public MethodSummary? Summary { get; }

            public int Index { get; }
        }

        /// <summary>One thread's depth-first walk: the methods being computed, the finished members of groups whose
        /// first member is still being computed, and, while a group is recomputed, the last round's summaries.</summary>
        private sealed class Walk
        {
            private readonly List<(IMethodSymbol Method, Frame Frame)> _stack = new List<(IMethodSymbol, Frame)>();
            private readonly List<Member> _held = new List<Member>();
            private int _next;

            public Frame? Top => _stack.Count == 0 ? null : _stack[_stack.Count - 1].Frame;

            public Dictionary<IMethodSymbol, MethodSummary?>? Round { get; set; }

            public int? IndexOf(IMethodSymbol method)
            {
                foreach (var (m, frame) in _stack)
                {
                    if (SymbolEqualityComparer.Default.Equals(m, method))
                        return frame.Index;
                }

                foreach (var member in _held)
                {
                    if (SymbolEqualityComparer.Default.Equals(member.Method, method))
                        return member.Index;
                }

                return null;
            }

            public Frame Push(IMethodSymbol method)
            {
                var frame = new Frame(_next++);
                _stack.Add((method, frame));
                return frame;
            }

            public void Pop()
            {
                _stack.RemoveAt(_stack.Count - 1);
                if (_stack.Count == 0 && _held.Count == 0)
                    _next = 0;
            }

            public void Hold(Member member) => _held.Add(member);

            /// <summary>Removes and returns the held members entered after the frame with index <paramref name="index"/>:
            /// they were held while that frame ran, so they sit at the end of the list.</summary>
            public List<Member> Release(int index)
            {
                var released = new List<Member>();
                for (var i = _held.Count - 1; i >= 0 && _held[i].Index > index; i--)
                {
                    released.Add(_held[i]);
                    _held.RemoveAt(i);
                }

                return released;
            }

            public void Clear()
            {
                _stack.Clear();
                _held.Clear();
                Round = null;
                _next = 0;
            }
        }

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
