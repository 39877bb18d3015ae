using System;

namespace ShiftLeft.Signing;

/// <summary>A typed failure: stable <see cref="Code"/> (SL9xxx), human message, and the file it concerns.</summary>
public sealed record Failure(string Code, string Message, string? Path = null)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>Thrown by the library for input errors (unreadable keys, malformed bundles, bad model trees).</summary>
public sealed class SigningException : Exception
{
    public SigningException(string code, string message, string? path = null, Exception? inner = null)
        : base(message, inner)
    {
        Failure = new Failure(code, message, path);
    }

    public SigningException(Failure failure, Exception? inner = null)
        : base(failure.Message, inner)
    {
        Failure = failure;
    }

    public Failure Failure { get; }
    public string Code => Failure.Code;
}
