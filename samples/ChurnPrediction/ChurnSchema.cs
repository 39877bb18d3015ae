using Microsoft.ML.Data;

namespace ChurnPrediction;

/// <summary>The model's input row. Shared by the training tool and the service.</summary>
public sealed class CustomerFeatures
{
    public float TenureMonths { get; set; }

    public float MonthlyCharges { get; set; }

    public float SupportTickets { get; set; }

    /// <summary>0 month-to-month, 1 one year, 2 two years.</summary>
    public float ContractType { get; set; }

    public float MonthlyUsageHours { get; set; }
}

/// <summary>A training row: features, label, and the customer's pseudonymous token (never a raw id).</summary>
public sealed class CustomerRecord
{
    public string CustomerToken { get; set; } = string.Empty;

    public float TenureMonths { get; set; }

    public float MonthlyCharges { get; set; }

    public float SupportTickets { get; set; }

    public float ContractType { get; set; }

    public float MonthlyUsageHours { get; set; }

    [ColumnName("Label")]
    public bool Churned { get; set; }
}

/// <summary>The binary classifier's output columns.</summary>
public sealed class ChurnPrediction
{
    [ColumnName("PredictedLabel")]
    public bool WillChurn { get; set; }

    public float Probability { get; set; }

    public float Score { get; set; }
}
