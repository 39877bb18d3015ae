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

    [Theory]
    [InlineData("int M() { Func<int, int> f = x => x + 1; return f(1); }")]
    [InlineData("int M() { Func<int, int> f = (int x) => x; return f(1); }")]
    [InlineData("void M() { Action a = delegate { }; a(); }")]
    [InlineData("int M(int[] xs) { var q = from x in xs select x; return q.Count(); }")]
    [InlineData("Func<int> M() => () => 1;")]
    [InlineData("int M() { int Local() { Func<int> f = () => 2; return f(); } return Local(); }")]
    [InlineData("int M(int[] xs) { return xs.Where(x => x > 0).Count(); }")]
    public void Finds_every_lambda_anonymous_method_and_query(string member)
    {
        var method = Method(member);
        Assert.True(HasLambdaNode(method));
        Assert.True(FlowEngine.MayContainLambdas(method));
    }

    [Theory]
    [InlineData("int M() => 42;")]
    [InlineData("int M(int fromage, int delegated) { return fromage + delegated; }")]
    [InlineData("int M() { var @from = 1; var @delegate = 2; return @from + @delegate; }")]
    [InlineData("int M(int a) { if (a >= 2) return a; return a <= 1 ? 0 : 1; }")]
    [InlineData("string M(string s) { return s + \"=\" + \">\"; }")]
    public void Passes_lambda_free_methods(string member)
    {
        var method = Method(member);
        Assert.False(HasLambdaNode(method));
        Assert.False(FlowEngine.MayContainLambdas(method));
    }

    [Theory]
    [InlineData("int M(int k) { return k switch { 1 => 2, _ => 3 }; }")]
    [InlineData("int M() { // x => x\n return 1; }")]
    public void Over_approximates_only_toward_keeping_the_join(string member)
    {
        var method = Method(member);
        Assert.False(HasLambdaNode(method));
        Assert.True(FlowEngine.MayContainLambdas(method)); // a switch arm or a comment spells "=>": the safe answer
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
