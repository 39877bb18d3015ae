using System.Text;

namespace ShiftLeft.Benchmarks;

/// <summary>
/// `solution [lines] [dir] [shiftLeftVersion]`: writes a multi-project solution shaped like a real ML-backed
/// ASP.NET Core product, of at least <c>lines</c> lines (default 100,000). Each service project holds feature
/// modules; a module is what a team writes around one entity:
/// <list type="bullet">
/// <item>entity, DTOs with DataAnnotations, mapping;</item>
/// <item>a repository, a domain service with business rules, a validator;</item>
/// <item>an <c>[ApiController]</c> with CRUD actions plus one ML.NET scoring action, one ONNX Runtime action and
/// one Microsoft.Extensions.AI action (validated input, user-message prompts, bounded tokens);</item>
/// <item>model-serving classes (feature builder, scorer, summarizer) and a background job.</item>
/// </list>
/// About a quarter of the methods touch a model or an LLM, the rest is ordinary service code. A few modules
/// carry the mistakes ShiftLeft exists to catch (raw score vectors returned, an unvalidated inference input),
/// as real code does. The endpoint-only generator (<see cref="EndpointProjectGenerator"/>) is the worst case.
/// </summary>
internal static class ServiceSolutionGenerator
{
    private static readonly string[] Nouns =
    {
        "Order", "Customer", "Invoice", "Product", "Shipment", "Ticket", "Review", "Account", "Subscription", "Claim",
        "Device", "Listing", "Booking", "Payment", "Supplier", "Contract", "Campaign", "Lead", "Asset", "Incident",
    };

    public static int Run(string[] args)
    {
        var targetLines = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var dir = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "shiftleft-solution");
        var version = args.Length > 2 ? args[2] : "0.1.0";
        const int modulesPerService = 12;
        Directory.CreateDirectory(dir);
        var projects = new List<string>();
        var lines = 0;
        var modules = 0;
        for (var service = 0; lines < targetLines; service++)
        {
            var name = $"Service{service}";
            var projectDir = Path.Combine(dir, name);
            Directory.CreateDirectory(projectDir);
            lines += Write(Path.Combine(projectDir, name + ".csproj"), Project(version));
            var registrations = new StringBuilder();
            for (var m = 0; m < modulesPerService && lines < targetLines; m++, modules++)
            {
                var noun = Nouns[(service * modulesPerService + m) % Nouns.Length] + m;
                var moduleDir = Path.Combine(projectDir, noun);
                Directory.CreateDirectory(moduleDir);
                var module = new Module(name, noun, modules);
                lines += Write(Path.Combine(moduleDir, "Model.cs"), module.Model());
                lines += Write(Path.Combine(moduleDir, "Repository.cs"), module.Repository());
                lines += Write(Path.Combine(moduleDir, "DomainService.cs"), module.DomainService());
                lines += Write(Path.Combine(moduleDir, "Validator.cs"), module.Validator());
                lines += Write(Path.Combine(moduleDir, "Controller.cs"), module.Controller());
                lines += Write(Path.Combine(moduleDir, "Ml.cs"), module.Ml());
                lines += Write(Path.Combine(moduleDir, "Job.cs"), module.Job());
                registrations.AppendLine(module.Registration());
            }

            lines += Write(Path.Combine(projectDir, "Program.cs"), ProgramFile(name, registrations.ToString()));
            projects.Add($"{name}/{name}.csproj");
        }

        var files = Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories);
        var csLines = files.Sum(f => File.ReadAllLines(f).Length);
        Console.WriteLine($"wrote {projects.Count} projects, {modules} modules, {files.Length} files, {csLines} C# lines, to {dir}");
        File.WriteAllText(Path.Combine(dir, "projects.txt"), string.Join("\n", projects) + "\n");
        return 0;
    }

    private static int Write(string path, string text)
    {
        File.WriteAllText(path, text);
        return text.Count(c => c == '\n');
    }

    private static string Project(string version) => EndpointProjectGenerator.ProjectFile(version);

    private static string ProgramFile(string service, string registrations) => $$"""
        using Microsoft.Extensions.AI;
        using Microsoft.ML;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        builder.Services.AddSingleton(new MLContext(seed: 1));
        {{registrations}}
        var app = builder.Build();
        app.MapControllers();
        app.MapGet("/health", () => Results.Ok(new { service = "{{service}}", at = DateTimeOffset.UtcNow }));
        app.Run();

        """;

    private sealed class Module(string service, string noun, int index)
    {
        private string Ns => $"{service}.{noun}";

        // A few modules carry real mistakes, as real code does.
        private bool ReturnsRawScores => index % 9 == 4;

        private bool SkipsValidation => index % 11 == 7;

        public string Registration() => $$"""
            builder.Services.AddSingleton<{{Ns}}.I{{noun}}Repository, {{Ns}}.InMemory{{noun}}Repository>();
            builder.Services.AddScoped<{{Ns}}.{{noun}}Service>();
            builder.Services.AddSingleton<{{Ns}}.{{noun}}Validator>();
            builder.Services.AddSingleton<{{Ns}}.{{noun}}Scorer>();
            builder.Services.AddSingleton<{{Ns}}.{{noun}}Summarizer>();
            builder.Services.AddHostedService<{{Ns}}.{{noun}}ReindexJob>();
            """;

        public string Model() => $$"""
            using System.ComponentModel.DataAnnotations;
            using Microsoft.ML.Data;

            namespace {{Ns}};

            public enum {{noun}}Status { Draft, Active, Suspended, Closed }

            public sealed class {{noun}}Entity
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                public string Name { get; set; } = "";
                public string Description { get; set; } = "";
                public decimal Amount { get; set; }
                public int Quantity { get; set; }
                public {{noun}}Status Status { get; set; }
                public string OwnerId { get; set; } = "";
                public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
                public DateTimeOffset? UpdatedAt { get; set; }
                public List<string> Tags { get; } = new();
                public float RiskScore { get; set; }
            }

            public sealed record {{noun}}Dto(Guid Id, string Name, string Description, decimal Amount, int Quantity, string Status, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt);

            public sealed record {{noun}}Page(IReadOnlyList<{{noun}}Dto> Items, int Page, int PageSize, int Total);

            public sealed class Create{{noun}}Request
            {
                [Required, StringLength(120, MinimumLength = 1)]
                public string Name { get; set; } = "";

                [StringLength(2000)]
                public string Description { get; set; } = "";

                [Range(0, 1_000_000)]
                public decimal Amount { get; set; }

                [Range(0, 10_000)]
                public int Quantity { get; set; }

                [MaxLength(20)]
                public List<string> Tags { get; set; } = new();
            }

            public sealed class Update{{noun}}Request
            {
                [StringLength(120)]
                public string? Name { get; set; }

                [StringLength(2000)]
                public string? Description { get; set; }

                [Range(0, 1_000_000)]
                public decimal? Amount { get; set; }

                [Range(0, 10_000)]
                public int? Quantity { get; set; }
            }

            public sealed class {{noun}}ScoreRequest
            {
                [Required, StringLength(2000)]
                public string Text { get; set; } = "";

                [Range(0, 5)]
                public float Rating { get; set; }

                [Range(0, 1_000_000)]
                public float Amount { get; set; }
            }

            public sealed class {{noun}}AskRequest
            {
                [Required, StringLength(4000)]
                public string Question { get; set; } = "";
            }

            public sealed class {{noun}}Features
            {
                public string Text { get; set; } = "";
                public float Rating { get; set; }
                public float Amount { get; set; }
            }

            public sealed class {{noun}}Prediction
            {
                [ColumnName("PredictedLabel")]
                public bool Flagged { get; set; }

                public float Probability { get; set; }

                public float[] Score { get; set; } = [];
            }

            public static class {{noun}}Mapping
            {
                public static {{noun}}Dto ToDto(this {{noun}}Entity e) =>
                    new(e.Id, e.Name, e.Description, e.Amount, e.Quantity, e.Status.ToString(), e.Tags.ToList(), e.CreatedAt);

                public static {{noun}}Entity ToEntity(this Create{{noun}}Request r, string ownerId)
                {
                    var entity = new {{noun}}Entity { Name = r.Name.Trim(), Description = r.Description, Amount = r.Amount, Quantity = r.Quantity, OwnerId = ownerId };
                    foreach (var tag in r.Tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim().ToLowerInvariant()).Distinct())
                        entity.Tags.Add(tag);
                    return entity;
                }

                public static void Apply(this {{noun}}Entity e, Update{{noun}}Request r)
                {
                    if (r.Name is { Length: > 0 } name)
                        e.Name = name.Trim();
                    if (r.Description is not null)
                        e.Description = r.Description;
                    if (r.Amount is { } amount)
                        e.Amount = amount;
                    if (r.Quantity is { } quantity)
                        e.Quantity = quantity;
                    e.UpdatedAt = DateTimeOffset.UtcNow;
                }
            }

            """;

        public string Repository() => $$"""
            using System.Collections.Concurrent;

            namespace {{Ns}};

            public interface I{{noun}}Repository
            {
                {{noun}}Entity? Find(Guid id);
                IReadOnlyList<{{noun}}Entity> List(int page, int pageSize, string? search, {{noun}}Status? status, out int total);
                void Add({{noun}}Entity entity);
                bool Update({{noun}}Entity entity);
                bool Remove(Guid id);
                int Count();
                IEnumerable<{{noun}}Entity> ChangedSince(DateTimeOffset since);
            }

            public sealed class InMemory{{noun}}Repository : I{{noun}}Repository
            {
                private readonly ConcurrentDictionary<Guid, {{noun}}Entity> _items = new();

                public {{noun}}Entity? Find(Guid id) => _items.TryGetValue(id, out var e) ? e : null;

                public IReadOnlyList<{{noun}}Entity> List(int page, int pageSize, string? search, {{noun}}Status? status, out int total)
                {
                    IEnumerable<{{noun}}Entity> query = _items.Values;
                    if (!string.IsNullOrWhiteSpace(search))
                        query = query.Where(e => e.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || e.Tags.Contains(search.ToLowerInvariant()));
                    if (status is { } s)
                        query = query.Where(e => e.Status == s);
                    var ordered = query.OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
                    total = ordered.Count;
                    return ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList();
                }

                public void Add({{noun}}Entity entity)
                {
                    if (!_items.TryAdd(entity.Id, entity))
                        throw new InvalidOperationException($"{{noun}} {entity.Id} already exists.");
                }

                public bool Update({{noun}}Entity entity)
                {
                    if (!_items.TryGetValue(entity.Id, out var existing))
                        return false;
                    return _items.TryUpdate(entity.Id, entity, existing);
                }

                public bool Remove(Guid id) => _items.TryRemove(id, out _);

                public int Count() => _items.Count;

                public IEnumerable<{{noun}}Entity> ChangedSince(DateTimeOffset since)
                {
                    foreach (var item in _items.Values)
                    {
                        if ((item.UpdatedAt ?? item.CreatedAt) >= since)
                            yield return item;
                    }
                }
            }

            """;

        public string DomainService() => $$"""
            namespace {{Ns}};

            public sealed class {{noun}}Service(I{{noun}}Repository repository, ILogger<{{noun}}Service> logger)
            {
                private static readonly IReadOnlyDictionary<({{noun}}Status From, {{noun}}Status To), bool> Transitions = new Dictionary<({{noun}}Status, {{noun}}Status), bool>
                {
                    [({{noun}}Status.Draft, {{noun}}Status.Active)] = true,
                    [({{noun}}Status.Active, {{noun}}Status.Suspended)] = true,
                    [({{noun}}Status.Suspended, {{noun}}Status.Active)] = true,
                    [({{noun}}Status.Active, {{noun}}Status.Closed)] = true,
                    [({{noun}}Status.Suspended, {{noun}}Status.Closed)] = true,
                };

                public {{noun}}Page List(int page, int pageSize, string? search, {{noun}}Status? status)
                {
                    page = Math.Max(1, page);
                    pageSize = Math.Clamp(pageSize, 1, 100);
                    var items = repository.List(page, pageSize, search, status, out var total);
                    return new {{noun}}Page(items.Select(i => i.ToDto()).ToList(), page, pageSize, total);
                }

                public {{noun}}Dto Create(Create{{noun}}Request request, string ownerId)
                {
                    var entity = request.ToEntity(ownerId);
                    entity.Amount = PriceWithRules(entity.Amount, entity.Quantity, entity.Tags);
                    repository.Add(entity);
                    logger.LogInformation("Created {{noun}} {Id} for {Owner}", entity.Id, ownerId);
                    return entity.ToDto();
                }

                public {{noun}}Dto? Update(Guid id, Update{{noun}}Request request)
                {
                    var entity = repository.Find(id);
                    if (entity is null)
                        return null;
                    entity.Apply(request);
                    entity.Amount = PriceWithRules(entity.Amount, entity.Quantity, entity.Tags);
                    return repository.Update(entity) ? entity.ToDto() : null;
                }

                public bool ChangeStatus(Guid id, {{noun}}Status target, out string? error)
                {
                    error = null;
                    var entity = repository.Find(id);
                    if (entity is null)
                    {
                        error = "not found";
                        return false;
                    }

                    if (!Transitions.ContainsKey((entity.Status, target)))
                    {
                        error = $"cannot move from {entity.Status} to {target}";
                        return false;
                    }

                    entity.Status = target;
                    entity.UpdatedAt = DateTimeOffset.UtcNow;
                    return repository.Update(entity);
                }

                public static decimal PriceWithRules(decimal amount, int quantity, IReadOnlyCollection<string> tags)
                {
                    var total = amount * Math.Max(1, quantity);
                    var discount = quantity switch
                    {
                        >= 1000 => 0.15m,
                        >= 100 => 0.08m,
                        >= 10 => 0.03m,
                        _ => 0m,
                    };
                    if (tags.Contains("partner"))
                        discount += 0.05m;
                    if (tags.Contains("clearance"))
                        discount = Math.Max(discount, 0.30m);
                    return decimal.Round(total * (1 - Math.Min(discount, 0.5m)), 2, MidpointRounding.AwayFromZero);
                }

                public IReadOnlyDictionary<string, decimal> TotalsByStatus()
                {
                    var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
                    foreach (var group in repository.List(1, int.MaxValue, null, null, out _).GroupBy(e => e.Status))
                        result[group.Key.ToString()] = group.Sum(e => e.Amount);
                    return result;
                }

                public IEnumerable<string> Warnings({{noun}}Entity entity)
                {
                    if (entity.Amount == 0 && entity.Status == {{noun}}Status.Active)
                        yield return "active with zero amount";
                    if (entity.Tags.Count > 10)
                        yield return "too many tags";
                    if (entity.UpdatedAt is { } updated && updated < entity.CreatedAt)
                        yield return "updated before it was created";
                    if (string.IsNullOrWhiteSpace(entity.Description) && entity.Status != {{noun}}Status.Draft)
                        yield return "no description";
                }
            }

            """;

        public string Validator() => $$"""
            namespace {{Ns}};

            public sealed class {{noun}}Validator
            {
                private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase) { "admin", "system", "root", "null" };

                public IReadOnlyList<string> Validate(Create{{noun}}Request request)
                {
                    var errors = new List<string>();
                    if (string.IsNullOrWhiteSpace(request.Name))
                        errors.Add("name is required");
                    else if (ReservedNames.Contains(request.Name.Trim()))
                        errors.Add("name is reserved");
                    if (request.Amount < 0)
                        errors.Add("amount must not be negative");
                    if (request.Quantity is < 0 or > 10_000)
                        errors.Add("quantity out of range");
                    foreach (var tag in request.Tags)
                    {
                        if (tag.Length > 32)
                            errors.Add($"tag '{tag[..32]}…' is too long");
                        else if (!tag.All(c => char.IsLetterOrDigit(c) || c == '-'))
                            errors.Add($"tag '{tag}' has invalid characters");
                    }

                    return errors;
                }

                public bool IsReasonableUpdate({{noun}}Entity current, Update{{noun}}Request request) =>
                    (request.Amount is null || request.Amount <= current.Amount * 10 + 1000) &&
                    (request.Quantity is null || Math.Abs(request.Quantity.Value - current.Quantity) <= 5000);
            }

            """;

        public string Controller() => $$"""
            using Microsoft.AspNetCore.Mvc;

            namespace {{Ns}};

            [ApiController]
            [Route("api/{{service.ToLowerInvariant()}}/{{noun.ToLowerInvariant()}}")]
            public sealed class {{noun}}Controller({{noun}}Service service, I{{noun}}Repository repository, {{noun}}Validator validator,
                {{noun}}Scorer scorer, {{noun}}Summarizer summarizer, ILogger<{{noun}}Controller> logger) : ControllerBase
            {
                [HttpGet]
                public ActionResult<{{noun}}Page> List([FromQuery] int page = 1, [FromQuery] int pageSize = 20, [FromQuery] string? search = null, [FromQuery] {{noun}}Status? status = null) =>
                    Ok(service.List(page, pageSize, search, status));

                [HttpGet("{id:guid}")]
                public ActionResult<{{noun}}Dto> Get(Guid id) =>
                    repository.Find(id) is { } entity ? Ok(entity.ToDto()) : NotFound();

                [HttpPost]
                public ActionResult<{{noun}}Dto> Create(Create{{noun}}Request request)
                {
                    var errors = validator.Validate(request);
                    if (errors.Count > 0)
                        return ValidationProblem(new ValidationProblemDetails(new Dictionary<string, string[]> { ["request"] = errors.ToArray() }));
                    var owner = User.Identity?.Name ?? "anonymous";
                    var created = service.Create(request, owner);
                    return CreatedAtAction(nameof(Get), new { id = created.Id }, created);
                }

                [HttpPut("{id:guid}")]
                public ActionResult<{{noun}}Dto> Update(Guid id, Update{{noun}}Request request)
                {
                    var current = repository.Find(id);
                    if (current is null)
                        return NotFound();
                    if (!validator.IsReasonableUpdate(current, request))
                        return BadRequest("The change is too large; split it or ask an administrator.");
                    return service.Update(id, request) is { } updated ? Ok(updated) : Conflict();
                }

                [HttpPost("{id:guid}/status/{status}")]
                public IActionResult ChangeStatus(Guid id, {{noun}}Status status) =>
                    service.ChangeStatus(id, status, out var error) ? NoContent() : BadRequest(error);

                [HttpDelete("{id:guid}")]
                public IActionResult Delete(Guid id)
                {
                    if (!repository.Remove(id))
                        return NotFound();
                    logger.LogInformation("Deleted {{noun}} {Id}", id);
                    return NoContent();
                }

                [HttpGet("totals")]
                public IActionResult Totals() => Ok(service.TotalsByStatus());

                [HttpPost("score")]
                public IActionResult Score({{(SkipsValidation ? "[FromBody] string text, [FromQuery] float rating" : $"{noun}ScoreRequest request")}})
                {
                    {{(SkipsValidation
                        ? $"var prediction = scorer.Predict(new {noun}Features {{ Text = text, Rating = rating }});"
                        : $"var prediction = scorer.Predict(new {noun}Features {{ Text = request.Text, Rating = request.Rating, Amount = request.Amount }});")}}
                    return Ok({{(ReturnsRawScores ? "prediction.Score" : "new { flagged = prediction.Flagged }")}});
                }

                [HttpPost("{id:guid}/risk")]
                public IActionResult Risk(Guid id)
                {
                    var entity = repository.Find(id);
                    if (entity is null)
                        return NotFound();
                    entity.RiskScore = scorer.Risk(entity);
                    repository.Update(entity);
                    return Ok(new { risky = entity.RiskScore > 0.8f });
                }

                [HttpPost("ask")]
                public async Task<IActionResult> Ask({{noun}}AskRequest request, CancellationToken cancellationToken)
                {
                    var answer = await summarizer.AnswerAsync(request.Question, cancellationToken);
                    return Ok(new { answer });
                }
            }

            """;

        public string Ml() => $$"""
            using Microsoft.Extensions.AI;
            using Microsoft.ML;
            using Microsoft.ML.OnnxRuntime;
            using Microsoft.ML.OnnxRuntime.Tensors;

            namespace {{Ns}};

            public sealed class {{noun}}Scorer : IDisposable
            {
                private readonly PredictionEngine<{{noun}}Features, {{noun}}Prediction> _engine;
                private readonly InferenceSession _risk;

                public {{noun}}Scorer(MLContext ml, IWebHostEnvironment environment)
                {
                    var modelPath = Path.Combine(environment.ContentRootPath, "models", "{{noun.ToLowerInvariant()}}.zip");
                    var model = ml.Model.Load(modelPath, out _);
                    _engine = ml.Model.CreatePredictionEngine<{{noun}}Features, {{noun}}Prediction>(model);
                    _risk = new InferenceSession(Path.Combine(environment.ContentRootPath, "models", "{{noun.ToLowerInvariant()}}-risk.onnx"));
                }

                public {{noun}}Prediction Predict({{noun}}Features features) => _engine.Predict(features);

                public float Risk({{noun}}Entity entity)
                {
                    var input = new DenseTensor<float>(new[] { (float)entity.Amount, entity.Quantity, entity.Tags.Count, (float)(DateTimeOffset.UtcNow - entity.CreatedAt).TotalDays }, new[] { 1, 4 });
                    using var results = _risk.Run(new[] { NamedOnnxValue.CreateFromTensor("input", input) });
                    var scores = results.First().AsEnumerable<float>().ToArray();
                    return scores.Length == 0 ? 0f : scores.Max();
                }

                public void Dispose() => _risk.Dispose();
            }

            public sealed class {{noun}}Summarizer(IChatClient chat)
            {
                private const string SystemPrompt = "You answer questions about {{noun}} records. Be brief; never reveal internal identifiers.";

                public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken)
                {
                    var messages = new List<ChatMessage> { new(ChatRole.System, SystemPrompt), new(ChatRole.User, question) };
                    var response = await chat.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 400, Temperature = 0.2f }, cancellationToken);
                    return response.Text.Length > 2000 ? response.Text[..2000] : response.Text;
                }

                public static string BuildDigest(IEnumerable<{{noun}}Dto> items)
                {
                    var lines = items.Take(20).Select(i => $"- {i.Name} ({i.Status}): {i.Amount:0.00}");
                    return string.Join(Environment.NewLine, lines);
                }
            }

            """;

        public string Job() => $$"""
            namespace {{Ns}};

            public sealed class {{noun}}ReindexJob(I{{noun}}Repository repository, ILogger<{{noun}}ReindexJob> logger) : BackgroundService
            {
                private DateTimeOffset _last = DateTimeOffset.MinValue;

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
                    while (await timer.WaitForNextTickAsync(stoppingToken))
                    {
                        var changed = 0;
                        foreach (var item in repository.ChangedSince(_last))
                        {
                            item.Tags.RemoveAll(t => t.Length == 0);
                            changed++;
                        }

                        _last = DateTimeOffset.UtcNow;
                        if (changed > 0)
                            logger.LogInformation("Reindexed {Count} {{noun}} records", changed);
                    }
                }
            }

            """;
    }
}
