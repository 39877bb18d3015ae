// FraudScoring: a fraud-decision API written the way ShiftLeft wants it. Builds with zero ShiftLeft findings.
// Defences against model extraction and abuse: callers get a decision (approve / review / decline), never
// scores; every request is validated before it reaches the model; and each client is rate limited.
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddControllers();
builder.Services.AddSingleton<FraudModel>();
builder.Services.AddRateLimiter(options =>
{
    options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    options.AddPolicy(FraudModel.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
});

var app = builder.Build();

app.UseRateLimiter();
app.MapControllers().RequireRateLimiting(FraudModel.RateLimitPolicy);

app.Run();
