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

namespace ShiftLeft.Analyzers.CodeFixes.Rules.Deserialization
{
    /// <summary>SL1002 fix: replace the TypeNameHandling value with <c>TypeNameHandling.None</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SL1002TypeNameHandlingNoneCodeFix)), Shared]
    public sealed class SL1002TypeNameHandlingNoneCodeFix : CodeFixProvider
    {
        private const string Title = "Set TypeNameHandling.None";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.JsonNetTypeNameHandling);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax value)
                return;
            foreach (var diagnostic in context.Diagnostics)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => ReplaceAsync(context.Document, value, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax value, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
                return document;
            var replacement = SyntaxFactory.ParseExpression("global::Newtonsoft.Json.TypeNameHandling.None")
                .WithTriviaFrom(value)
                .WithAdditionalAnnotations(Simplifier.Annotation);
            return document.WithSyntaxRoot(root.ReplaceNode(value, replacement));
        }
    }
}
