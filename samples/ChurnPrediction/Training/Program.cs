// Trains the churn model on synthetic customers and writes models/churn.zip.
//
// Privacy: the customers are generated here, not exported from a CRM. Their identifiers are still
// handled the way real ones must be: replaced by an HMAC-SHA256 token under a key that exists only for
// this run (so tokens cannot be reversed or joined with other data sets), and the token is not a feature.
using System.Security.Cryptography;
using System.Text;
using ChurnPrediction;
using Microsoft.ML;

var output = args.Length > 0 ? args[0] : Path.Combine(FindSampleDirectory(), "models", "churn.zip");
var customers = SyntheticCustomers.Generate(count: 2000, seed: 20261123);

var mlContext = new MLContext(seed: 1);
var data = mlContext.Data.LoadFromEnumerable(customers);
var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);

string[] features = [nameof(CustomerFeatures.TenureMonths), nameof(CustomerFeatures.MonthlyCharges), nameof(CustomerFeatures.SupportTickets), nameof(CustomerFeatures.ContractType), nameof(CustomerFeatures.MonthlyUsageHours)];
var pipeline = mlContext.Transforms.Concatenate("Features", features)
    .Append(mlContext.Transforms.NormalizeMinMax("Features"))
    .Append(mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression());
var model = pipeline.Fit(split.TrainSet);

var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(split.TestSet));
Console.WriteLine($"test set: accuracy {metrics.Accuracy:0.000}, AUC {metrics.AreaUnderRocCurve:0.000}, F1 {metrics.F1Score:0.000}");

// Save with the input schema of the service's feature class (the token and the label are not inputs).
var inputSchema = mlContext.Data.LoadFromEnumerable(Array.Empty<CustomerFeatures>()).Schema;
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
mlContext.Model.Save(model, inputSchema, output);
Console.WriteLine($"wrote {output} ({new FileInfo(output).Length} bytes, sha256 {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(output)))})");
return 0;

static string FindSampleDirectory()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "ChurnPrediction.csproj")))
            return dir.FullName;
    }

    throw new InvalidOperationException("ChurnPrediction.csproj not found above " + AppContext.BaseDirectory);
}

internal static class SyntheticCustomers
{
    public static List<CustomerRecord> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var tokenKey = RandomNumberGenerator.GetBytes(32); // per run, never stored
        var customers = new List<CustomerRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var customerId = $"CUST-{i:D6}"; // stands in for a CRM identifier
            var contract = random.Next(3);
            var tenure = contract switch { 0 => random.Next(1, 25), 1 => random.Next(6, 49), _ => random.Next(12, 73) };
            var charges = 20 + random.NextDouble() * 100;
            var tickets = Math.Min(10, (int)(-Math.Log(1 - random.NextDouble()) * 1.5));
            var usage = Math.Max(0, 40 + random.NextDouble() * 80 - tickets * 4);

            // Churn risk: short tenure, month-to-month contracts, high charges and many tickets raise it.
            var logit = 1.2 - 0.06 * tenure - 1.1 * contract + 0.02 * (charges - 70) + 0.45 * tickets - 0.015 * (usage - 80);
            var churned = random.NextDouble() < 1 / (1 + Math.Exp(-logit));

            customers.Add(new CustomerRecord
            {
                CustomerToken = Tokenize(tokenKey, customerId),
                TenureMonths = tenure,
                MonthlyCharges = (float)Math.Round(charges, 2),
                SupportTickets = tickets,
                ContractType = contract,
                MonthlyUsageHours = (float)Math.Round(usage, 1),
                Churned = churned,
            });
        }

        return customers;
    }

    private static string Tokenize(byte[] key, string customerId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(customerId)));
}
