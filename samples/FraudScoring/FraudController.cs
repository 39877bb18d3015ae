using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

/// <summary>[ApiController] enforces the DataAnnotations of <see cref="TransactionRequest"/>: an invalid
/// request gets a 400 before the action runs, so only bounded values reach the model.</summary>
[ApiController]
[Route("fraud")]
public sealed class FraudController(FraudModel model) : ControllerBase
{
    [HttpPost("decision")]
    public ActionResult<DecisionResponse> Decide(TransactionRequest request) =>
        new DecisionResponse(model.Decide(request));
}

public sealed class TransactionRequest
{
    [Range(0.01, 1_000_000)]
    public float Amount { get; set; }

    [Range(0, 36_500)]
    public float AccountAgeDays { get; set; }

    [Range(0, 1_000)]
    public float TransactionsLastDay { get; set; }

    [Range(0, 23)]
    public float HourOfDay { get; set; }

    // A bool needs no annotation: it is bounded by its type (ShiftLeft's SL2001 knows that too).
    public bool IsForeign { get; set; }
}

/// <summary>The whole answer: one of "approve", "review", "decline". No score, no probability.</summary>
public sealed record DecisionResponse(string Decision);
