using System.Text;

namespace ShiftLeft.Benchmarks;

/// <summary>
/// `endpoints [count] [dir] [shiftLeftVersion] [single-controller]`: writes an ASP.NET Core project with `count` endpoints (up to 100
/// minimal-API handlers, the rest controller actions) over ML.NET, ONNX Runtime and Microsoft.Extensions.AI —
/// validated and unvalidated inputs, prompts, LLM output, helper methods — plus endpoint-free service code, so
/// that analyzer-cost.sh can build it with and without ShiftLeft's analyzers and report ReportAnalyzer numbers.
/// </summary>
internal static class EndpointProjectGenerator
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 200;
        var dir = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "shiftleft-endpoints");
        var version = args.Length > 2 ? args[2] : "0.1.0";
        Directory.CreateDirectory(Path.Combine(dir, "Controllers"));
        Directory.CreateDirectory(Path.Combine(dir, "Services"));
        File.WriteAllText(Path.Combine(dir, "Endpoints.csproj"), ProjectFile(version));

        var singleController = args.Length > 3 && args[3] == "single-controller"; // one controller with every action (PerFileCost)
        var minimal = singleController ? 0 : Math.Min(count / 2, 100); // the rest are controller actions, 20 per controller
        var program = new StringBuilder("""
            using Microsoft.Extensions.AI;
            using Microsoft.ML;
            using Microsoft.ML.OnnxRuntime;
            using Microsoft.ML.OnnxRuntime.Tensors;
            using Endpoints.Services;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();

            """);
        for (var i = 0; i < minimal; i++)
            program.AppendLine(MinimalEndpoint(i));
        program.AppendLine("app.MapControllers();\napp.Run();");
        File.WriteAllText(Path.Combine(dir, "Program.cs"), program.ToString());

        File.WriteAllText(Path.Combine(dir, "Services", "Models.cs"), """
            using Microsoft.ML.Data;

            namespace Endpoints.Services;

            public sealed class ReviewInput { public string Text { get; set; } = ""; public float Stars { get; set; } }
            public sealed class ReviewOutput { [ColumnName("PredictedLabel")] public bool Positive { get; set; } public float[] Score { get; set; } = []; }
            public sealed record ScoreRequest(string Text, float Stars, int MaxTokens);

            public static class Guards
            {
                public static bool IsAcceptable(string? text) => !string.IsNullOrEmpty(text) && text.Length <= 2000;
                public static string Normalize(string text) => text.Trim().ToLowerInvariant();
            }
            """);

        var perController = singleController ? Math.Max(1, count) : 20;
        var actions = count - minimal;
        for (var c = 0; c * perController < actions; c++)
        {
            var sb = new StringBuilder($$"""
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.Extensions.AI;
                using Microsoft.ML;
                using Endpoints.Services;

                namespace Endpoints.Controllers;

                [ApiController]
                [Route("api/c{{c}}")]
                public sealed class Scoring{{c}}Controller(PredictionEngine<ReviewInput, ReviewOutput> engine, IChatClient chat) : ControllerBase
                {
                """);
            for (var a = c * perController; a < Math.Min(actions, (c + 1) * perController); a++)
                sb.AppendLine(ControllerAction(a));
            sb.AppendLine(Helpers(c));
            sb.AppendLine("}");
            File.WriteAllText(Path.Combine(dir, "Controllers", $"Scoring{c}Controller.cs"), sb.ToString());
        }

        // Service code without endpoints or sinks: the engine must skip it cheaply.
        for (var s = 0; s < count / 10; s++)
        {
            File.WriteAllText(Path.Combine(dir, "Services", $"Catalog{s}.cs"), $$"""
                namespace Endpoints.Services;

                public sealed class Catalog{{s}}
                {
                    private readonly Dictionary<string, decimal> _prices = new();
                    public void Add(string sku, decimal price) { if (price < 0) throw new ArgumentOutOfRangeException(nameof(price)); _prices[sku] = price; }
                    public decimal Total(IEnumerable<string> skus) => skus.Where(_prices.ContainsKey).Sum(s => _prices[s]);
                    public string Describe(string sku) => _prices.TryGetValue(sku, out var p) ? $"{sku}: {p:C}" : $"{sku}: unknown";
                    public IReadOnlyList<string> Search(string prefix) => _prices.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).OrderBy(k => k).ToList();
                }
                """);
        }

        var files = Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories);
        Console.WriteLine($"wrote {count} endpoints in {files.Length} files, {files.Sum(f => File.ReadAllLines(f).Length)} lines, to {dir}");
        return 0;
    }

    /// <summary>The project file of a generated ASP.NET Core app over ML.NET, ONNX Runtime and Microsoft.Extensions.AI,
    /// consuming ShiftLeft <paramref name="version"/> (shared with <see cref="ServiceSolutionGenerator"/>).</summary>
    internal static string ProjectFile(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <NoWarn>$(NoWarn);CS1998</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="ShiftLeft" Version="{version}" PrivateAssets="all" />
            <PackageReference Include="Microsoft.ML" Version="5.0.1" />
            <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="1.31.1" />
            <PackageReference Include="Microsoft.Extensions.AI" Version="10.5.0" />
          </ItemGroup>
        </Project>
        """;

    private static string MinimalEndpoint(int i) => (i % 5) switch
    {
        0 => $$"""
            app.MapPost("/m{{i}}/score", (ScoreRequest request, PredictionEngine<ReviewInput, ReviewOutput> engine) =>
            {
                if (!Guards.IsAcceptable(request.Text) || request.Stars is < 0 or > 5)
                    return Results.BadRequest();
                return Results.Ok(engine.Predict(new ReviewInput { Text = request.Text, Stars = request.Stars }).Positive);
            });
            """,
        1 => $$"""
            app.MapPost("/m{{i}}/raw", (ScoreRequest request, PredictionEngine<ReviewInput, ReviewOutput> engine) =>
                Results.Ok(engine.Predict(new ReviewInput { Text = request.Text }).Score));
            """,
        2 => $$"""
            app.MapPost("/m{{i}}/chat", async (ScoreRequest request, IChatClient chat) =>
            {
                var options = new ChatOptions { MaxOutputTokens = Math.Clamp(request.MaxTokens, 1, 512) };
                var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, "Summarize reviews."), new ChatMessage(ChatRole.User, request.Text)], options);
                return Results.Text(response.Text);
            });
            """,
        3 => $$"""
            app.MapGet("/m{{i}}/model/{name}", (string name) =>
            {
                using var session = new InferenceSession(Path.Combine("/srv/models", name));
                var input = new DenseTensor<float>(new[] { 1, 4 });
                return Results.Ok(session.InputMetadata.Count + input.Length);
            });
            """,
        _ => $$"""
            app.MapGet("/m{{i}}/health", () => Results.Ok(new { status = "ok", at = DateTime.UtcNow }));
            """,
    };

    private static string ControllerAction(int a) => (a % 4) switch
    {
        0 => $$"""
                [HttpPost("a{{a}}")]
                public IActionResult Score{{a}}(ScoreRequest request)
                {
                    if (request.Text.Length > 2000)
                        return BadRequest();
                    return Ok(engine.Predict(new ReviewInput { Text = Guards.Normalize(request.Text) }).Positive);
                }
            """,
        1 => $$"""
                [HttpPost("a{{a}}")]
                public async Task<IActionResult> Ask{{a}}(ScoreRequest request)
                {
                    var answer = await chat.GetResponseAsync($"Answer briefly: {request.Text}");
                    return Content(answer.Text, "text/plain");
                }
            """,
        2 => $$"""
                [HttpPost("a{{a}}")]
                public IActionResult Predict{{a}}(ScoreRequest request) => Ok(Run{{a % 20}}(request.Text));
            """,
        _ => $$"""
                [HttpGet("a{{a}}")]
                public IActionResult List{{a}}(int page = 1) => Ok(Enumerable.Range((page - 1) * 10, 10).Select(n => new { id = n }));
            """,
    };

    private static string Helpers(int c)
    {
        var sb = new StringBuilder();
        for (var h = 0; h < 20; h++)
            sb.AppendLine($"    private bool Run{h}(string text) => engine.Predict(new ReviewInput {{ Text = text }}).Positive;");
        return sb.ToString();
    }
}
