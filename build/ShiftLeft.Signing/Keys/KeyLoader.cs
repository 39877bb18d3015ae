using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ShiftLeft.Signing.Keys;

/// <summary>Loads ECDSA keys and X.509 certificates from PEM files. Every failure is a
/// <see cref="SigningException"/> with a stable code; key material never appears in messages.</summary>
public static class KeyLoader
{
    private const int MaxPemFileBytes = 1 << 20;
    private const string EcOid = "1.2.840.10045.2.1";

    /// <summary>Loads a private key: PKCS#8 (<c>PRIVATE KEY</c>), SEC1 (<c>EC PRIVATE KEY</c>) or encrypted PKCS#8
    /// (<c>ENCRYPTED PRIVATE KEY</c>, password read from the environment variable named
    /// <paramref name="passwordEnvironmentVariable"/>). Text around the PEM block is ignored.</summary>
    public static ECDsa LoadPrivateKey(string path, string? passwordEnvironmentVariable = null)
    {
        string text = ReadText(path, ErrorCodes.KeyUnreadable, "key");
        string? password = null;
        if (!string.IsNullOrEmpty(passwordEnvironmentVariable))
        {
            password = Environment.GetEnvironmentVariable(passwordEnvironmentVariable);
        }

        return ParsePrivateKey(text, path, password, passwordEnvironmentVariable);
    }

    public static ECDsa ParsePrivateKey(string pem, string displayPath, string? password, string? passwordVariable = null)
    {
        foreach ((string label, byte[] der) in PemBlocks(pem))
        {
            switch (label)
            {
                case "PRIVATE KEY":
                    return Import(displayPath, () => ImportPkcs8(der, displayPath));
                case "EC PRIVATE KEY":
                    return Import(displayPath, () =>
                    {
                        var k = ECDsa.Create();
                        k.ImportECPrivateKey(der, out _);
                        return k;
                    });
                case "ENCRYPTED PRIVATE KEY":
                    if (password is null)
                    {
                        throw new SigningException(ErrorCodes.KeyPasswordMissing, passwordVariable is null
                            ? $"key '{displayPath}' is encrypted; give the name of an environment variable holding its password"
                            : $"key '{displayPath}' is encrypted and environment variable '{passwordVariable}' is not set",
                            displayPath);
                    }

                    return Import(displayPath, () => ImportEncryptedPkcs8(der, password, displayPath));
                case "RSA PRIVATE KEY":
                case "OPENSSH PRIVATE KEY":
                case "DSA PRIVATE KEY":
                    throw new SigningException(ErrorCodes.UnsupportedKey,
                        $"key '{displayPath}' is a {label}; only ECDSA P-256, P-384 and P-521 keys are supported", displayPath);
            }
        }

        throw new SigningException(ErrorCodes.KeyUnreadable, $"'{displayPath}' contains no PEM private key", displayPath);
    }

    /// <summary>Loads a public key: SPKI <c>PUBLIC KEY</c> PEM, or the key of the first <c>CERTIFICATE</c>.</summary>
    public static ECDsa LoadPublicKey(string path)
    {
        string text = ReadText(path, ErrorCodes.KeyUnreadable, "public key");
        return ParsePublicKey(text, path);
    }

    public static ECDsa ParsePublicKey(string pem, string displayPath)
    {
        foreach ((string label, byte[] der) in PemBlocks(pem))
        {
            if (label == "PUBLIC KEY")
            {
                return ImportSpki(der, displayPath);
            }

            if (label == "CERTIFICATE")
            {
                using X509Certificate2 cert = LoadCertificate(der, displayPath);
                ECDsa? k = cert.GetECDsaPublicKey();
                return k is null
                    ? throw new SigningException(ErrorCodes.UnsupportedKey, $"certificate in '{displayPath}' does not hold an ECDSA key", displayPath)
                    : Check(k, displayPath);
            }

            if (label.EndsWith("PRIVATE KEY", StringComparison.Ordinal))
            {
                throw new SigningException(ErrorCodes.KeyUnreadable,
                    $"'{displayPath}' holds a private key where a public key was expected", displayPath);
            }
        }

        throw new SigningException(ErrorCodes.KeyUnreadable, $"'{displayPath}' contains no PEM public key", displayPath);
    }

    /// <summary>Imports a DER SubjectPublicKeyInfo holding an ECDSA key on a supported curve.</summary>
    public static ECDsa ImportSpki(ReadOnlySpan<byte> der, string displayPath)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(der, out int read);
            if (read != der.Length)
            {
                throw new CryptographicException("trailing data");
            }
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw new SigningException(ErrorCodes.UnsupportedKey,
                $"'{displayPath}' is not an ECDSA P-256/P-384/P-521 public key", displayPath);
        }

        return Check(key, displayPath);
    }

    /// <summary>Loads every <c>CERTIFICATE</c> block of a PEM file, in file order.</summary>
    public static IReadOnlyList<X509Certificate2> LoadCertificates(string path)
    {
        string text = ReadText(path, ErrorCodes.CertificateUnreadable, "certificate");
        var list = new List<X509Certificate2>();
        foreach ((string label, byte[] der) in PemBlocks(text))
        {
            if (label == "CERTIFICATE")
            {
                list.Add(LoadCertificate(der, path));
            }
        }

        if (list.Count == 0)
        {
            throw new SigningException(ErrorCodes.CertificateUnreadable, $"'{path}' contains no PEM certificate", path);
        }

        return list;
    }

    public static X509Certificate2 LoadCertificate(byte[] der, string displayPath)
    {
        try
        {
#if NET9_0_OR_GREATER
            return X509CertificateLoader.LoadCertificate(der);
#else
            return new X509Certificate2(der);
#endif
        }
        catch (CryptographicException)
        {
            throw new SigningException(ErrorCodes.CertificateUnreadable, $"'{displayPath}' holds an invalid certificate", displayPath);
        }
    }

    /// <summary>PEM blocks (label, DER) in order; text outside blocks is ignored.</summary>
    internal static IEnumerable<(string Label, byte[] Der)> PemBlocks(string text)
    {
        int offset = 0;
        while (offset < text.Length)
        {
            if (!PemEncoding.TryFind(text.AsSpan(offset), out PemFields fields))
            {
                yield break;
            }

            ReadOnlySpan<char> slice = text.AsSpan(offset);
            string label = slice[fields.Label].ToString();
            byte[] der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(slice[fields.Base64Data], der, out int written))
            {
                yield break;
            }

            offset += fields.Location.End.Value;
            yield return (label, der.AsSpan(0, written).ToArray());
        }
    }

    private static string ReadText(string path, string code, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new SigningException(code, $"no {what} file given");
        }

        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new SigningException(code, $"{what} file '{path}' does not exist", path);
            }

            if (info.Length > MaxPemFileBytes)
            {
                throw new SigningException(code, $"{what} file '{path}' is too large to be a PEM file", path);
            }

            return File.ReadAllText(path, Encoding.ASCII);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SigningException(code, $"cannot read {what} file '{path}': {e.Message}", path, e);
        }
    }

    private static ECDsa ImportPkcs8(byte[] der, string displayPath)
    {
        string? algorithm = Pkcs8AlgorithmOid(der);
        if (algorithm is not null && algorithm != EcOid)
        {
            throw new SigningException(ErrorCodes.UnsupportedKey,
                $"key '{displayPath}' is not an ECDSA key (algorithm {algorithm}); only P-256, P-384 and P-521 are supported",
                displayPath);
        }

        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(der, out _);
        return key;
    }

    private static ECDsa ImportEncryptedPkcs8(byte[] der, string password, string displayPath)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportEncryptedPkcs8PrivateKey(password.AsSpan(), der, out _);
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            bool isRsa;
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportEncryptedPkcs8PrivateKey(password.AsSpan(), der, out _);
                isRsa = true;
            }
            catch (CryptographicException)
            {
                isRsa = false;
            }

            if (isRsa)
            {
                throw new SigningException(ErrorCodes.UnsupportedKey,
                    $"key '{displayPath}' is an RSA key; only ECDSA P-256, P-384 and P-521 keys are supported", displayPath);
            }

            throw;
        }
    }

    /// <summary>The AlgorithmIdentifier OID of a PKCS#8 PrivateKeyInfo, or null when it does not parse.</summary>
    private static string? Pkcs8AlgorithmOid(byte[] der)
    {
        try
        {
            var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER);
            System.Formats.Asn1.AsnReader seq = reader.ReadSequence();
            seq.ReadInteger();
            return seq.ReadSequence().ReadObjectIdentifier();
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return null;
        }
    }

    private static ECDsa Import(string displayPath, Func<ECDsa> import)
    {
        ECDsa key;
        try
        {
            key = import();
        }
        catch (CryptographicException)
        {
            throw new SigningException(ErrorCodes.KeyUnreadable,
                $"key '{displayPath}' cannot be decoded (corrupt, or wrong password)", displayPath);
        }

        return Check(key, displayPath);
    }

    private static ECDsa Check(ECDsa key, string displayPath)
    {
        if (EcCurve.Of(key) is null)
        {
            key.Dispose();
            throw new SigningException(ErrorCodes.UnsupportedKey,
                $"key '{displayPath}' uses an unsupported curve; only P-256, P-384 and P-521 are supported", displayPath);
        }

        return key;
    }
}
