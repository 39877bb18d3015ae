using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace ShiftLeft.Signing.Transparency;

/// <summary>RFC 6962 / RFC 9162 Merkle tree hashing with SHA-256 and inclusion-proof verification.</summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    /// <summary>leaf = SHA-256(0x00 ‖ data).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(new byte[] { 0 });
        h.AppendData(data);
        return h.GetHashAndReset();
    }

    /// <summary>node = SHA-256(0x01 ‖ left ‖ right).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buf = stackalloc byte[1 + HashSize * 2];
        buf[0] = 1;
        left.CopyTo(buf.Slice(1));
        right.CopyTo(buf.Slice(1 + HashSize));
        return SHA256.HashData(buf);
    }

    /// <summary>Computes the root implied by an inclusion proof (RFC 9162 §2.1.3.2), or null when the proof has the
    /// wrong shape for (<paramref name="index"/>, <paramref name="treeSize"/>) — too few or too many hashes, an index
    /// outside the tree, or a hash of the wrong length. Compare the result with the claimed root.</summary>
    public static byte[]? RootFromInclusionProof(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        if (index < 0 || treeSize <= 0 || index >= treeSize || leafHash.Length != HashSize)
        {
            return null;
        }

        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash.ToArray();
        foreach (byte[] p in proof)
        {
            if (p.Length != HashSize || sn == 0)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // The final check: every level of the path was consumed (rejects wrong index/size claims).
        return sn == 0 ? r : null;
    }

    public static bool VerifyInclusion(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        byte[]? computed = RootFromInclusionProof(index, treeSize, leafHash, proof);
        return computed is not null && root.Length == HashSize && CryptographicOperations.FixedTimeEquals(computed, root);
    }
}
