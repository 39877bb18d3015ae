using System;
using System.CommandLine;
using System.IO;
using System.Text;
using ShiftLeft.Signing;
using ShiftLeft.Signing.IO;
using ShiftLeft.Signing.Keys;

namespace ShiftLeft.Cli;

/// <summary><c>shiftleft keygen --out key.pem [--public-out key.pub.pem] [--curve p256|p384|p521]
/// [--password-env VAR] [--force]</c></summary>
internal static class KeygenCommand
{
    public static Command Create(CliOutput output)
    {
        var outOpt = new Option<string>("--out") { Description = "Private key file to write (PKCS#8 PEM).", Required = true };
        var pubOpt = new Option<string?>("--public-out") { Description = "Public key file (SPKI PEM). Default: <out>.pub.pem." };
        var curveOpt = new Option<string>("--curve") { Description = "p256 (default), p384 or p521.", DefaultValueFactory = _ => "p256" };
        curveOpt.AcceptOnlyFromAmong("p256", "p384", "p521");
        var pwOpt = new Option<string?>("--password-env") { Description = "Encrypt the private key with the password in this environment variable." };
        var forceOpt = new Option<bool>("--force") { Description = "Overwrite existing key files." };
        var cmd = new Command("keygen", "Generate an ECDSA key pair for signing models.") { outOpt, pubOpt, curveOpt, pwOpt, forceOpt };
        cmd.SetAction(r => output.Guard(() =>
        {
            string priv = r.GetValue(outOpt)!;
            string pub = r.GetValue(pubOpt) ?? DefaultPublicPath(priv);
            EcCurve curve = EcCurve.Parse(r.GetValue(curveOpt)!)!;
            string? password = null;
            if (r.GetValue(pwOpt) is { Length: > 0 } variable)
            {
                password = Environment.GetEnvironmentVariable(variable);
                if (string.IsNullOrEmpty(password))
                {
                    throw new SigningException(ErrorCodes.KeyPasswordMissing, $"environment variable '{variable}' is not set");
                }
            }

            if (!r.GetValue(forceOpt))
            {
                foreach (string p in new[] { priv, pub })
                {
                    if (File.Exists(p))
                    {
                        throw new SigningException(ErrorCodes.InvalidArguments, $"'{p}' already exists (use --force to overwrite)", p);
                    }
                }
            }

            if (Path.GetFullPath(priv) == Path.GetFullPath(pub))
            {
                throw new SigningException(ErrorCodes.InvalidArguments, "--out and --public-out must differ");
            }

            GeneratedKeyPair pair = KeyGenerator.Generate(curve, password);
            AtomicFile.Write(priv, Encoding.ASCII.GetBytes(pair.PrivateKeyPem), privateFile: true);
            AtomicFile.Write(pub, Encoding.ASCII.GetBytes(pair.PublicKeyPem));
            output.Out.WriteLine($"wrote {curve.Name} private key '{priv}' and public key '{pub}'");
            return ExitCodes.Ok;
        }, inputErrorsOnly: true));
        return cmd;
    }

    internal static string DefaultPublicPath(string privatePath) =>
        privatePath.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
            ? privatePath.Substring(0, privatePath.Length - 4) + ".pub.pem"
            : privatePath + ".pub.pem";
}
