using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>Maps resolved method/property symbols to table entries. Lookups go through the
    /// original definition and up the override chain, so calls on constructed generic types and on
    /// overriding members match their declaration.</summary>
    internal sealed class SymbolTable<T>
    {
        private readonly Dictionary<ISymbol, List<T>> _entries = new Dictionary<ISymbol, List<T>>(SymbolEqualityComparer.Default);

        public bool IsEmpty => _entries.Count == 0;

        public void Add(ISymbol symbol, T entry)
        {
            if (!_entries.TryGetValue(symbol, out var list))
                _entries[symbol] = list = new List<T>();
            list.Add(entry);
        }

        /// <summary>Adds every member named <paramref name="member"/> of the resolved type.</summary>
        public void AddMembers(Compilation compilation, MemberRef member, T entry)
        {
            var type = compilation.GetTypeByMetadataName(member.TypeMetadataName);
            if (type is null)
                return;
            if (member.MemberName == ".ctor")
            {
                foreach (var ctor in type.InstanceConstructors)
                    Add(ctor, entry);
                return;
            }

            foreach (var symbol in type.GetMembers(member.MemberName))
            {
                if (symbol is IMethodSymbol or IPropertySymbol)
                    Add(symbol, entry);
            }
        }

        public List<T>? Lookup(ISymbol? symbol)
        {
            for (var depth = 0; symbol is not null && depth < 8; depth++)
            {
                if (_entries.TryGetValue(symbol.OriginalDefinition, out var list))
                    return list;
                symbol = symbol switch
                {
                    IMethodSymbol { ReducedFrom: { } reduced } => reduced,
                    IMethodSymbol m => m.OverriddenMethod,
                    IPropertySymbol p => p.OverriddenProperty,
                    _ => null,
                };
            }

            return null;
        }
    }
}
