using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>The values written to a local within its method: initializers and simple assignments. Shared by
    /// the rules that ask "is every value this local can hold a constant (or application-relative)?"</summary>
    internal static class LocalWrites
    {
        /// <summary>False when the local is also written in a way that has no single value (compound assignment,
        /// <c>out</c>/<c>ref</c> argument, <c>out var</c>, deconstruction); otherwise every written value, in order.</summary>
        public static bool TryGetWrittenValues(ILocalReferenceOperation reference, out ImmutableArray<IOperation> values)
        {
            var local = reference.Local;
            var root = (IOperation)reference;
            while (root.Parent is not null)
                root = root.Parent;
            var builder = ImmutableArray.CreateBuilder<IOperation>();
            values = ImmutableArray<IOperation>.Empty;
            foreach (var op in root.Descendants())
            {
                switch (op)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        var initializer = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                        if (initializer is not null)
                            builder.Add(initializer);
                        break;
                    case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        if (assignment is not ISimpleAssignmentOperation)
                            return false;
                        builder.Add(assignment.Value);
                        break;
                    case IArgumentOperation { Value: ILocalReferenceOperation argument, Parameter.RefKind: RefKind.Out or RefKind.Ref }
                        when SymbolEqualityComparer.Default.Equals(argument.Local, local):
                        return false;
                    case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared }
                        when SymbolEqualityComparer.Default.Equals(declared.Local, local):
                        return false;
                }
            }

            values = builder.ToImmutable();
            return true;
        }
    }
}
