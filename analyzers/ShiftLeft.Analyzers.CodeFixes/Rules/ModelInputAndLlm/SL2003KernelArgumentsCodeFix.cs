using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace ShiftLeft.Analyzers.CodeFixes.Rules.ModelInputAndLlm
{
    /// <summary>
    /// SL2003 fix for template injection: <c>kernel.InvokePromptAsync($"Summarize: {text}")</c> becomes
    /// <c>kernel.InvokePromptAsync("Summarize: {{$text}}", arguments: new KernelArguments { ["text"] = text })</c>.
    /// Offered only for an interpolated template without alignment/format clauses or literal braces, in a
    /// call that passes no <c>KernelArguments</c> yet.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SL2003KernelArgumentsCodeFix)), Shared]
    public sealed class SL2003KernelArgumentsCodeFix : CodeFixProvider
    {
        private const string Title = "Pass request data as KernelArguments";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UntrustedTextInSystemPrompt);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not InterpolatedStringExpressionSyntax template ||
                template.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } argumentList })
                return;
            var name = invocation.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                _ => null,
            };
            if (name is not ("InvokePromptAsync" or "InvokePromptStreamingAsync"))
                return;
            if (argumentList.Arguments.Any(a => a.NameColon?.Name.Identifier.ValueText == "arguments") || argumentList.Arguments.Count > 1)
                return;
            if (Rewrite(template) is null)
                return;
            foreach (var diagnostic in context.Diagnostics)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(context.Document, template, argumentList, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }

        /// <summary>The template text and the (name, value) pairs, or null when the string cannot be converted safely.</summary>
        private static (string Template, List<(string Name, ExpressionSyntax Value)> Variables)? Rewrite(InterpolatedStringExpressionSyntax template)
        {
            var text = new StringBuilder();
            var variables = new List<(string, ExpressionSyntax)>();
            var used = new HashSet<string>();
            foreach (var content in template.Contents)
            {
                switch (content)
                {
                    case InterpolatedStringTextSyntax literal:
                    {
                        var value = literal.TextToken.ValueText;
                        if (value.IndexOf('{') >= 0 || value.IndexOf('}') >= 0)
                            return null;
                        text.Append(value);
                        break;
                    }

                    case InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole:
                    {
                        var baseName = hole.Expression switch
                        {
                            IdentifierNameSyntax id => id.Identifier.ValueText,
                            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                            _ => "value",
                        };
                        var candidate = SafeName(baseName);
                        for (var i = 2; !used.Add(candidate); i++)
                            candidate = SafeName(baseName) + i;
                        variables.Add((candidate, hole.Expression));
                        text.Append("{{$").Append(candidate).Append("}}");
                        break;
                    }

                    default:
                        return null;
                }
            }

            return variables.Count == 0 ? null : (text.ToString(), variables);
        }

        private static string SafeName(string name)
        {
            var sb = new StringBuilder();
            foreach (var c in name)
            {
                if (char.IsLetterOrDigit(c) || c == '_')
                    sb.Append(c);
            }

            return sb.Length == 0 || char.IsDigit(sb[0]) ? "value" + sb : sb.ToString();
        }

        private static async Task<Document> FixAsync(Document document, InterpolatedStringExpressionSyntax template, ArgumentListSyntax argumentList, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || Rewrite(template) is not { } rewritten)
                return document;
            var entries = string.Join(", ", rewritten.Variables.Select(v =>
                "[" + SyntaxFactory.Literal(v.Name).ToString() + "] = " + v.Value.WithoutTrivia().ToString()));
            var creation = (ObjectCreationExpressionSyntax)SyntaxFactory.ParseExpression(
                "new global::Microsoft.SemanticKernel.KernelArguments { " + entries + " }");
            creation = creation.WithType(creation.Type.WithAdditionalAnnotations(Simplifier.Annotation));
            var templateArgument = (ArgumentSyntax)template.Parent!;
            var newTemplate = templateArgument.WithExpression(
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(rewritten.Template)).WithTriviaFrom(template));
            var newList = argumentList.ReplaceNode(templateArgument, newTemplate)
                .AddArguments(SyntaxFactory.Argument(SyntaxFactory.NameColon("arguments"), default, creation));
            return document.WithSyntaxRoot(root.ReplaceNode(argumentList, newList));
        }
    }
}
