// ChurnPrediction: an ML.NET churn model behind an API, written the way ShiftLeft wants it. Builds with
// zero ShiftLeft findings; the model is signed at build, verified at publish and digest-checked at start.
//
//   curl -H 'Content-Type: application/json' -d '{"tenureMonths":3,"monthlyCharges":95,"supportTickets":4,
//        "contractType":0,"monthlyUsageHours":20}' http://localhost:5000/api/churn
using ChurnPrediction;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();

// Loaded (and verified) once, at service start: a model that fails its digest check stops the service.
builder.Services.AddSingleton(ChurnModel.LoadShipped());

var app = builder.Build();
app.MapControllers();
app.Run();
