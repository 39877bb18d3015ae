using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ShiftLeft.Signing.Transparency;

/// <summary>One signature line of a signed note: <c>— name base64(keyID[4] ‖ signature)</c>.</summary>
public sealed record NoteSignature(string Name, byte[] KeyId, byte[] Signature);

/// <summary>A transparency-log checkpoint in C2SP signed-note form: body <c>origin\nsize\nbase64(root)\n[extra…]</c>,
/// a blank line, then signature lines. Signatures are over the body including its final newline.</summary>
public sealed class Checkpoint
{
    private const string SignaturePrefix = "\u2014 ";

    private Checkpoint(string origin, long treeSize, byte[] rootHash, IReadOnlyList<string> extensions, byte[] signedBody,
        IReadOnlyList<NoteSignature> signatures)
    {
        Origin = origin;
        TreeSize = treeSize;
        RootHash = rootHash;
        Extensions = extensions;
        SignedBody = signedBody;
        Signatures = signatures;
    }

    public string Origin { get; }
    public long TreeSize { get; }
    public byte[] RootHash { get; }
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>The exact bytes the signatures cover (UTF-8 body with its final <c>\n</c>).</summary>
    public byte[] SignedBody { get; }

    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Parses a signed note; returns null and a reason when it is malformed.</summary>
    public static Checkpoint? TryParse(string text, out string? error)
    {
        error = null;
        if (text.Length > 1 << 20)
        {
            error = "the checkpoint is too large";
            return null;
        }

        int split = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            error = "no blank line between the note body and its signatures";
            return null;
        }

        string body = text.Substring(0, split + 1);
        string sigText = text.Substring(split + 2);
        string[] lines = body.Substring(0, body.Length - 1).Split('\n');
        if (lines.Length < 3)
        {
            error = "the body needs origin, tree size and root hash lines";
            return null;
        }

        string origin = lines[0];
        if (origin.Length == 0)
        {
            error = "the origin line is empty";
            return null;
        }

        if (lines[1].Length == 0 || lines[1].Length > 19 || (lines[1].Length > 1 && lines[1][0] == '0') ||
            !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out long size))
        {
            error = $"'{Truncate(lines[1])}' is not a tree size";
            return null;
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            error = $"'{Truncate(lines[2])}' is not a base64 root hash";
            return null;
        }

        if (root.Length != MerkleTree.HashSize)
        {
            error = $"the root hash has {root.Length} bytes, expected {MerkleTree.HashSize}";
            return null;
        }

        var extensions = new List<string>();
        for (int i = 3; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                error = "empty line inside the note body";
                return null;
            }

            extensions.Add(lines[i]);
        }

        if (sigText.Length == 0 || sigText[^1] != '\n')
        {
            error = "the note has no signature lines";
            return null;
        }

        var sigs = new List<NoteSignature>();
        foreach (string line in sigText.Substring(0, sigText.Length - 1).Split('\n'))
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                error = $"malformed signature line '{Truncate(line)}'";
                return null;
            }

            string rest = line.Substring(SignaturePrefix.Length);
            int space = rest.LastIndexOf(' ');
            if (space <= 0)
            {
                error = $"malformed signature line '{Truncate(line)}'";
                return null;
            }

            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(rest.Substring(space + 1));
            }
            catch (FormatException)
            {
                error = $"signature line '{Truncate(line)}' is not base64";
                return null;
            }

            if (blob.Length < 5)
            {
                error = $"signature line '{Truncate(line)}' is too short";
                return null;
            }

            sigs.Add(new NoteSignature(rest.Substring(0, space), blob.AsSpan(0, 4).ToArray(), blob.AsSpan(4).ToArray()));
        }

        return new Checkpoint(origin, size, root, extensions, Encoding.UTF8.GetBytes(body), sigs);
    }

    /// <summary>The 4-byte key ID a log key signs under: SHA-256(DER SPKI)[:4] for ECDSA/RSA (Rekor v1), and the
    /// C2SP Ed25519 key hash SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4] for Ed25519 (Rekor v2).</summary>
    public static byte[] KeyId(LogKey key, string name)
    {
        if (key.KeyKind == LogKey.Kind.Ed25519)
        {
            byte[] n = Encoding.UTF8.GetBytes(name);
            var buf = new byte[n.Length + 2 + 32];
            n.CopyTo(buf, 0);
            buf[n.Length] = 0x0A;
            buf[n.Length + 1] = 0x01;
            key.Ed25519Raw.CopyTo(buf.AsSpan(n.Length + 2));
            return SHA256.HashData(buf).AsSpan(0, 4).ToArray();
        }

        return SHA256.HashData(key.Spki).AsSpan(0, 4).ToArray();
    }

    /// <summary>True when some signature line is the log's (matching key ID; for Ed25519 also signed under the
    /// origin as its name) and verifies. Lines of unknown signers (witnesses) are ignored.</summary>
    public bool IsSignedBy(LogKey key)
    {
        foreach (NoteSignature s in Signatures)
        {
            if (key.KeyKind == LogKey.Kind.Ed25519 && s.Name != Origin)
            {
                continue;
            }

            if (!s.KeyId.AsSpan().SequenceEqual(KeyId(key, s.Name)))
            {
                continue;
            }

            if (key.Verify(SignedBody, s.Signature))
            {
                return true;
            }
        }

        return false;
    }

    private static string Truncate(string s) => s.Length > 80 ? s.Substring(0, 80) + "…" : s;
}
