using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using ShiftLeft.Analyzers.Rules.ModelInputAndLlm;

namespace ShiftLeft.Analyzers.CodeFixes.Rules.ModelInputAndLlm
{
    /// <summary>SL2005 fix: wrap the caller-supplied token limit in <c>Math.Clamp(value, 1, N)</c>, N from
    /// <c>shiftleft.SL2005.max_output_tokens</c> (passed by the analyzer in the diagnostic's properties).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SL2005ClampOutputTokensCodeFix)), Shared]
    public sealed class SL2005ClampOutputTokensCodeFix : CodeFixProvider
    {
        private const string Title = "Clamp to a server-side maximum";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnboundedGeneration);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax value || model is null)
                return;
            // Math.Clamp(int, int, int) returns int, which converts to the int? properties; other types keep their meaning only by hand.
            if (model.GetTypeInfo(value, context.CancellationToken).Type?.SpecialType != SpecialType.System_Int32)
                return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var max = diagnostic.Properties.TryGetValue(SL2005UnboundedGeneration.MaxProperty, out var m) && int.TryParse(m, out var n) && n > 0
                    ? n
                    : SL2005UnboundedGeneration.DefaultMaxOutputTokens;
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => ClampAsync(context.Document, value, max, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }

        private static async Task<Document> ClampAsync(Document document, ExpressionSyntax value, int max, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
                return document;
            var clamp = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.ParseExpression("global::System.Math.Clamp").WithAdditionalAnnotations(Simplifier.Annotation),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                    {
                        SyntaxFactory.Argument(value.WithoutTrivia()),
                        SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1))),
                        SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(max))),
                    })))
                .WithTriviaFrom(value);
            return document.WithSyntaxRoot(root.ReplaceNode(value, clamp));
        }
    }
}
