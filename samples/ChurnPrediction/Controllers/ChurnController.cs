using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace ChurnPrediction.Controllers;

/// <summary>Predicts whether a customer is likely to churn. [ApiController] enforces the DataAnnotations
/// of <see cref="ChurnRequest"/> (400 with the validation problem) before the action runs.</summary>
[ApiController]
[Route("api/churn")]
public sealed class ChurnController(ChurnModel model) : ControllerBase
{
    [HttpPost]
    public ActionResult<ChurnResponse> Predict(ChurnRequest request)
    {
        var prediction = model.Predict(new CustomerFeatures
        {
            TenureMonths = request.TenureMonths,
            MonthlyCharges = request.MonthlyCharges,
            SupportTickets = request.SupportTickets,
            ContractType = (float)request.ContractType,
            MonthlyUsageHours = request.MonthlyUsageHours,
        });

        // The decision and a coarse band, not the raw score.
        return Ok(new ChurnResponse(prediction.WillChurn, prediction.Probability >= 0.75f ? "high" : prediction.WillChurn ? "medium" : "low"));
    }
}

public enum ContractType
{
    MonthToMonth = 0,
    OneYear = 1,
    TwoYears = 2,
}

/// <summary>No customer identifier: the model needs none, so the API takes none.</summary>
public sealed class ChurnRequest
{
    [Range(0, 600)]
    public float TenureMonths { get; init; }

    [Range(0, 10_000)]
    public float MonthlyCharges { get; init; }

    [Range(0, 100)]
    public float SupportTickets { get; init; }

    [EnumDataType(typeof(ContractType))]
    public ContractType ContractType { get; init; }

    [Range(0, 744)]
    public float MonthlyUsageHours { get; init; }
}

public sealed record ChurnResponse(bool WillChurn, string Risk);
