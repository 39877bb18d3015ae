using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>Maps method/property symbols to table entries declared by member name and containing type metadata name.
    /// Nothing is resolved up front (resolving a few hundred types by metadata name searches every reference of the
    /// compilation, and the IDE pays that per edit): a lookup checks the member name first and compares the containing
    /// type only for the few symbols whose name is in the table. Lookups go through the original definition and up the
    /// override chain, so calls on constructed generic types and on overriding members match their declaration.</summary>
    internal sealed class SymbolTable<T>
    {
        private readonly Dictionary<string, List<(string Type, T Entry)>> _byName = new Dictionary<string, List<(string, T)>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<ISymbol, List<T>?> _matches = new ConcurrentDictionary<ISymbol, List<T>?>(SymbolEqualityComparer.Default);
        private readonly Func<INamedTypeSymbol, string> _metadataName;

        /// <param name="metadataName">The (cached) metadata name of a type, shared with the rest of the flow context.</param>
        public SymbolTable(Func<INamedTypeSymbol, string> metadataName)
        {
            _metadataName = metadataName;
        }

        /// <summary>Adds every method or property named like <paramref name="member"/> (every instance constructor for <c>.ctor</c>)
        /// of the type. Call before the first lookup.</summary>
        public void AddMembers(MemberRef member, T entry)
        {
            if (!_byName.TryGetValue(member.MemberName, out var list))
                _byName[member.MemberName] = list = new List<(string, T)>();
            list.Add((member.TypeMetadataName, entry));
        }

        public List<T>? Lookup(ISymbol? symbol)
        {
            for (var depth = 0; symbol is not null && depth < 8; depth++)
            {
                var definition = symbol.OriginalDefinition;
                if (_byName.ContainsKey(definition.Name))
                {
                    var matches = _matches.TryGetValue(definition, out var known) ? known : _matches.GetOrAdd(definition, Match);
                    if (matches is not null)
                        return matches;
                }

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

        private List<T>? Match(ISymbol definition)
        {
            if (definition is not (IMethodSymbol { MethodKind: not MethodKind.StaticConstructor } or IPropertySymbol) || definition.ContainingType is not { } type)
                return null;
            var typeName = _metadataName(type);
            List<T>? matches = null;
            foreach (var (candidate, entry) in _byName[definition.Name])
            {
                if (string.Equals(candidate, typeName, StringComparison.Ordinal))
                    (matches ??= new List<T>()).Add(entry);
            }

            return matches;
        }
    }
}
