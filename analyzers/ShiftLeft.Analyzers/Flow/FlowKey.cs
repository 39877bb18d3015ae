using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>A tracked storage location: a local, parameter, field, flow capture, or one member
    /// of one of those (<c>dto.Text</c>), so a guard on one member does not validate the others.</summary>
    internal readonly struct FlowKey : IEquatable<FlowKey>
    {
        private FlowKey(ISymbol? symbol, CaptureId? capture, string? member)
        {
            Symbol = symbol;
            Capture = capture;
            Member = member;
        }

        public ISymbol? Symbol { get; }

        public CaptureId? Capture { get; }

        public string? Member { get; }

        public bool IsMember => Member is not null;

        public FlowKey Root => new FlowKey(Symbol, Capture, null);

        public static FlowKey For(ISymbol symbol) => new FlowKey(symbol, null, null);

        public static FlowKey For(CaptureId capture) => new FlowKey(null, capture, null);

        public FlowKey WithMember(string member) => new FlowKey(Symbol, Capture, member);

        public bool Equals(FlowKey other) =>
            SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol) &&
            Nullable.Equals(Capture, other.Capture) &&
            string.Equals(Member, other.Member, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is FlowKey k && Equals(k);

        public override int GetHashCode()
        {
            var h = Symbol is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(Symbol);
            h = (h * 31) + (Capture?.GetHashCode() ?? 0);
            return (h * 31) + (Member is null ? 0 : StringComparer.Ordinal.GetHashCode(Member));
        }
    }
}
