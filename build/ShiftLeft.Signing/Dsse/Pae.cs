using System;
using System.Globalization;
using System.Text;

namespace ShiftLeft.Signing.Dsse;

/// <summary>DSSE pre-authentication encoding.</summary>
public static class Pae
{
    /// <summary><c>"DSSEv1" SP len(type) SP type SP len(payload) SP payload</c>, lengths in bytes, ASCII decimal.</summary>
    public static byte[] Encode(string payloadType, ReadOnlySpan<byte> payload)
    {
        byte[] type = Encoding.UTF8.GetBytes(payloadType);
        byte[] header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"DSSEv1 {type.Length} "));
        byte[] mid = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));
        var result = new byte[header.Length + type.Length + mid.Length + payload.Length];
        int o = 0;
        header.CopyTo(result, o);
        o += header.Length;
        type.CopyTo(result, o);
        o += type.Length;
        mid.CopyTo(result, o);
        o += mid.Length;
        payload.CopyTo(result.AsSpan(o));
        return result;
    }

    /// <summary>
    /// The encoding model_signing 0.2.x signed by mistake (compat only, predicate Digests/v0.1):
    /// <c>"DSSEV1 " + len(type) + " " + type + " " + len(payload) + " " + repr(payload)</c> where repr is
    /// Python's <c>bytes.__repr__</c> (e.g. <c>b'{\n ...}'</c>).
    /// </summary>
    public static byte[] EncodeLegacyPythonRepr(string payloadType, ReadOnlySpan<byte> payload)
    {
        byte[] type = Encoding.UTF8.GetBytes(payloadType);
        string text = string.Create(CultureInfo.InvariantCulture,
            $"DSSEV1 {type.Length} {payloadType} {payload.Length} ") + PythonBytesRepr(payload);
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Python 3 <c>repr(bytes)</c>.</summary>
    internal static string PythonBytesRepr(ReadOnlySpan<byte> data)
    {
        char quote = '\'';
        if (data.IndexOf((byte)'\'') >= 0 && data.IndexOf((byte)'"') < 0)
        {
            quote = '"';
        }

        var sb = new StringBuilder(data.Length + 16);
        sb.Append('b').Append(quote);
        foreach (byte b in data)
        {
            if (b == quote || b == '\\')
            {
                sb.Append('\\').Append((char)b);
            }
            else if (b == '\t')
            {
                sb.Append("\\t");
            }
            else if (b == '\n')
            {
                sb.Append("\\n");
            }
            else if (b == '\r')
            {
                sb.Append("\\r");
            }
            else if (b < 0x20 || b >= 0x7f)
            {
                sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)b);
            }
        }

        sb.Append(quote);
        return sb.ToString();
    }
}
