using System;

namespace ShiftLeft.Signing.Bundle;

/// <summary>Sigstore bundle media types (protobuf-specs). ShiftLeft writes v0.3 and reads v0.1–v0.3.</summary>
public static class MediaTypes
{
    public const string BundleV01 = "application/vnd.dev.sigstore.bundle+json;version=0.1";
    public const string BundleV02 = "application/vnd.dev.sigstore.bundle+json;version=0.2";
    public const string BundleV03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
    public const string BundleV03Alternate = "application/vnd.dev.sigstore.bundle+json;version=0.3";

    /// <summary>DSSE payload type of an in-toto statement.</summary>
    public const string InTotoPayload = "application/vnd.in-toto+json";

    /// <summary>Returns the bundle minor version (1, 2 or 3), or null when the media type is not supported.</summary>
    public static int? BundleVersion(string mediaType)
    {
        if (string.Equals(mediaType, BundleV01, StringComparison.Ordinal))
        {
            return 1;
        }

        if (string.Equals(mediaType, BundleV02, StringComparison.Ordinal))
        {
            return 2;
        }

        if (string.Equals(mediaType, BundleV03, StringComparison.Ordinal) ||
            string.Equals(mediaType, BundleV03Alternate, StringComparison.Ordinal))
        {
            return 3;
        }

        return null;
    }
}
