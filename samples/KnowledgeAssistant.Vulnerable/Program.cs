// KnowledgeAssistant.Vulnerable: the same assistant with the LLM mistakes ShiftLeft exists to catch.
// The keys below are fake: structurally valid, never issued by any provider.
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<IChatClient>(new CannedChatClient(ProviderKeys.OpenAI));
builder.Services.AddSingleton<DocumentStore>();
builder.Services.AddKernel();
builder.Services.AddHttpClient("search", http => http.DefaultRequestHeaders.Add("x-api-key", ProviderKeys.Search));

var app = builder.Build();

app.MapPost("/ask", async (AskRequest request, IChatClient chat, DocumentStore store, ILogger<AskRequest> logger) =>
{
    logger.LogInformation("Prompt: {Prompt}", request.Question); // expect: SL2007
    var passages = store.Search(request.Question, top: 3);
    var messages = new List<ChatMessage>
    {
        // The caller's persona and question become instructions.
        new(ChatRole.System, $"You are a {request.Persona}. Answer: {request.Question}"), // expect: SL2003
        new(ChatRole.User, string.Join("\n---\n", passages.Select(p => p.Text))),
    };
    var options = new ChatOptions { MaxOutputTokens = request.MaxTokens }; // expect: SL2005

    var response = await chat.GetResponseAsync(messages, options);
    logger.LogInformation("Answer: {Answer}", response.Text); // expect: SL2007
    return Results.Content($"<p>{response.Text}</p>", "text/html"); // expect: SL2004
});

// The model's reply is run as a shell command.
app.MapPost("/ask/run", async (AskRequest request, IChatClient chat) =>
{
    var response = await chat.GetResponseAsync([new(ChatRole.User, request.Question)]);
    Process.Start("/bin/sh", "-c " + response.Text); // expect: SL2004
    return Results.Accepted();
});

// The model writes the SQL.
app.MapPost("/ask/report", async (AskRequest request, IChatClient chat, DbDataSource db) =>
{
    var response = await chat.GetResponseAsync([new(ChatRole.User, "Write SQL for: " + request.Question)]);
    await using var command = db.CreateCommand();
    command.CommandText = response.Text; // expect: SL2004
    return Results.Ok(await command.ExecuteScalarAsync());
});

// Template injection: the caller's text becomes Semantic Kernel template text.
app.MapPost("/summarize", async (SummarizeRequest request, Kernel kernel) =>
{
    var result = await kernel.InvokePromptAsync($"Summarize the following text in three sentences:\n{request.Text}"); // expect: SL2003
    return Results.Text(result.ToString(), "text/plain");
});

app.Run();

public sealed record AskRequest(string Question, string Persona, int MaxTokens);

public sealed record SummarizeRequest(string Text);

static class ProviderKeys
{
    public const string OpenAI = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxT3BlbkFJAbCdEfGhIjKlMnOpQrStUvWx"; // expect: SL3001
    public const string Search = "q3JvYlkZ8mW2xT7vPn4sLc9R"; // expect: SL3002
}

/// <summary>A tiny in-memory document store with keyword-overlap retrieval.</summary>
public sealed class DocumentStore
{
    private static readonly Document[] Documents =
    [
        new("hb-001", "Expense reports are due within 30 days of the purchase and need a receipt above 25 EUR."),
        new("hb-002", "Remote work is allowed up to three days a week; agree on the days with your manager."),
        new("hb-003", "Security incidents are reported to the security team through the incident form within one hour."),
    ];

    public IReadOnlyList<Document> Search(string query, int top)
    {
        var terms = query.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).ToHashSet();
        return Documents.Where(d => terms.Any(t => d.Text.Contains(t, StringComparison.OrdinalIgnoreCase))).Take(top).ToList();
    }
}

public sealed record Document(string Id, string Text);

/// <summary>A deterministic stand-in for a hosted model: canned answers, no network.</summary>
public sealed class CannedChatClient(string apiKey) : IChatClient
{
    public bool HasCredentials { get; } = apiKey.Length > 0;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var last = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "echo " + last.Length)));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
            yield return update;
    }

    private static readonly ChatClientMetadata Metadata = new("canned", defaultModelId: "canned-1");

    // Semantic Kernel asks for the metadata when it wraps the client.
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
