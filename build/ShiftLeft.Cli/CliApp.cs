using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;

namespace ShiftLeft.Cli;

/// <summary>Exit codes of <c>shiftleft</c>.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int VerificationFailed = 1;
    public const int UsageOrInputError = 2;
}

/// <summary>The <c>shiftleft</c> command line: <c>keygen</c>, <c>sign</c>, <c>verify</c>, <c>verify-bundle</c>.
/// Errors go to stderr as <c>error SL9xxx: message</c>.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var output = new CliOutput(stdout, stderr);
        RootCommand root = BuildRoot(output);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError e in parsed.Errors)
            {
                output.Error(Signing.ErrorCodes.InvalidArguments, e.Message);
            }

            stderr.WriteLine("Run 'shiftleft --help' for usage.");
            return ExitCodes.UsageOrInputError;
        }

        return parsed.Invoke(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        });
    }

    private static RootCommand BuildRoot(CliOutput output)
    {
        var root = new RootCommand("shiftleft: sign and verify ML models (OpenSSF Model Signing, Sigstore bundles).");
        root.Subcommands.Add(KeygenCommand.Create(output));
        root.Subcommands.Add(SignCommand.Create(output));
        root.Subcommands.Add(VerifyCommand.Create(output));
        root.Subcommands.Add(VerifyBundleCommand.Create(output));
        return root;
    }
}

/// <summary>Writes results and typed errors; never key material.</summary>
internal sealed class CliOutput
{
    public CliOutput(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Err = stderr;
    }

    public TextWriter Out { get; }
    public TextWriter Err { get; }

    public void Error(string code, string message) => Err.WriteLine($"error {code}: {message}");

    public void Error(Signing.Failure f) => Error(f.Code, f.Message);

    /// <summary>Runs a command body, turning library exceptions into typed errors and exit codes.</summary>
    public int Guard(Func<int> body, bool inputErrorsOnly)
    {
        try
        {
            return body();
        }
        catch (Signing.SigningException e)
        {
            Error(e.Failure);
            return inputErrorsOnly || Signing.ErrorCodes.IsInputError(e.Code)
                ? ExitCodes.UsageOrInputError
                : ExitCodes.VerificationFailed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Error(Signing.ErrorCodes.IoError, e.Message);
            return ExitCodes.UsageOrInputError;
        }
    }

    /// <summary>Reports a verification result; returns the exit code.</summary>
    public int Report(Signing.Verification.VerificationResult result, string okMessage)
    {
        if (result.Success)
        {
            Out.WriteLine(okMessage);
            return ExitCodes.Ok;
        }

        foreach (Signing.Failure f in result.Failures)
        {
            Error(f);
        }

        return result.Failures.Any(f => !Signing.ErrorCodes.IsInputError(f.Code))
            ? ExitCodes.VerificationFailed
            : ExitCodes.UsageOrInputError;
    }
}

internal static class CommonOptions
{
    public static Option<string[]> IgnorePaths() => new("--ignore-paths")
    {
        Description = "Path to leave out of the signature (absolute, or relative to the model root). Repeat for several.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Argument<string> ModelPath() => new("MODEL_PATH")
    {
        Description = "The model: a file or a directory.",
    };

    public static IReadOnlyList<string> Values(ParseResult r, Option<string[]> o) => r.GetValue(o) ?? Array.Empty<string>();
}
