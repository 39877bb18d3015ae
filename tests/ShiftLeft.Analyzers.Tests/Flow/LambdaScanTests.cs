using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShiftLeft.Analyzers.Flow;
using ShiftLeft.Analyzers.KnownTypes;
using Xunit;

namespace ShiftLeft.Analyzers.Tests.Flow;

/// <summary>
/// The engine keeps the join of all states only for graphs that may hold a lambda, an anonymous method or a query; it
/// decides that from the method's source text. The text check must find every case the syntax tree has (a miss would
/// leave a lambda without the state it reads) and should not fire on the common lambda-free shapes.
/// </summary>
public class LambdaScanTests
{
    private static MethodDeclarationSyntax Method(string member)
    {
        var tree = CSharpSyntaxTree.ParseText("using System; using System.Linq; class C { " + member + " }");
        return tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First();
    }

    /// <summary>What the syntax tree says: the answer the text check must never fall below.</summary>
    private static bool HasLambdaNode(SyntaxNode method) =>
        method.DescendantNodes().Any(n => n is AnonymousFunctionExpressionSyntax or QueryExpressionSyntax);

    /// <param name="member">A method of class C.</param>
    /// <param name="lambdaNode">What the syntax tree has.</param>
    /// <param name="textSays">What the text check answers: never no where the tree has one; yes without one only where
    /// the code spells <c>=&gt;</c> some other way (a switch arm, a comment), which just keeps the join.</param>
    [Theory]
    [InlineData("int M() { Func<int, int> f = x => x + 1; return f(1); }", true, true)]
    [InlineData("int M() { Func<int, int> f = (int x) => x; return f(1); }", true, true)]
    [InlineData("void M() { Action a = delegate { }; a(); }", true, true)]
    [InlineData("int M(int[] xs) { var q = from x in xs select x; return q.Count(); }", true, true)]
    [InlineData("Func<int> M() => () => 1;", true, true)]
    [InlineData("int M() { int Local() { Func<int> f = () => 2; return f(); } return Local(); }", true, true)]
    [InlineData("int M(int[] xs) { return xs.Where(x => x > 0).Count(); }", true, true)]
    [InlineData("int M() => 42;", false, false)]
    [InlineData("int M(int fromage, int delegated) { return fromage + delegated; }", false, false)]
    [InlineData("int M() { var @from = 1; var @delegate = 2; return @from + @delegate; }", false, false)]
    [InlineData("int M(int a) { if (a >= 2) return a; return a <= 1 ? 0 : 1; }", false, false)]
    [InlineData("string M(string s) { return s + \"=\" + \">\"; }", false, false)]
    [InlineData("int M(int k) { return k switch { 1 => 2, _ => 3 }; }", false, true)]
    [InlineData("int M() { // x => x\n return 1; }", false, true)]
    public void Text_check_never_misses_what_the_syntax_tree_has(string member, bool lambdaNode, bool textSays)
    {
        var method = Method(member);
        Assert.Equal(lambdaNode, HasLambdaNode(method));
        Assert.Equal(textSays, FlowEngine.MayContainLambdas(method));
    }

    [Fact]
    public void The_members_own_arrow_is_not_a_lambda_in_any_kind_of_graph()
    {
        // The graphs the engine runs on: an expression-bodied accessor's arrow clause, and a local function.
        var tree = CSharpSyntaxTree.ParseText("class C { int P => 3; int Q => new[] { 1 }.Count(x => x > 0); int N() { int L(int y) => y; return L(1); } }");
        var root = tree.GetRoot();
        var arrows = root.DescendantNodes().OfType<ArrowExpressionClauseSyntax>().Where(a => a.Parent is PropertyDeclarationSyntax).ToList();
        Assert.False(FlowEngine.MayContainLambdas(arrows[0]));
        Assert.True(FlowEngine.MayContainLambdas(arrows[1]));
        Assert.False(FlowEngine.MayContainLambdas(root.DescendantNodes().OfType<LocalFunctionStatementSyntax>().Single()));
    }

    [Fact]
    public void Namespace_names_come_from_the_symbol_chain()
    {
        var tree = CSharpSyntaxTree.ParseText("namespace A.B { class Outer { class Inner { } } } class Global { }");
        var compilation = CSharpCompilation.Create("ns", new[] { tree }, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
        Assert.Equal("A.B", TypeNames.NamespaceOf(compilation.GetTypeByMetadataName("A.B.Outer+Inner")));
        Assert.Equal("A.B", TypeNames.NamespaceOf(compilation.GetTypeByMetadataName("A.B.Outer")));
        Assert.Equal(string.Empty, TypeNames.NamespaceOf(compilation.GetTypeByMetadataName("Global")));
        Assert.Equal("System.Collections.Generic", TypeNames.NamespaceOf(compilation.GetTypeByMetadataName("System.Collections.Generic.List`1")));
        Assert.Equal("A.B", TypeNames.NamespaceOf(compilation.GetTypeByMetadataName("A.B.Outer")!.ContainingNamespace));
        // Kept per namespace symbol: two types of one namespace get the same string object, not a new one per call.
        Assert.Same(TypeNames.NamespaceOf(compilation.GetTypeByMetadataName("A.B.Outer")), TypeNames.NamespaceOf(compilation.GetTypeByMetadataName("A.B.Outer+Inner")));
    }
}
