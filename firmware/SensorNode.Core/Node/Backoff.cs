namespace SensorNode.Core.Node
{
    /// <summary>
    /// Capped exponential back-off with jitter for network and broker reconnects.
    /// Attempt k (0-based) waits base_k = min(initial × 2^k, max), shortened by a random fraction of up to
    /// <c>jitter</c>: delay ∈ [base_k × (1 − jitter), base_k]. The jitter spreads a fleet's reconnects after a broker
    /// restart; the cap keeps a node that was offline for a day trying every few minutes, never giving up.
    /// The random source is a seeded xorshift32, so tests (and two nodes with different seeds) are deterministic
    /// on every platform.
    /// </summary>
    public sealed class Backoff
    {
        private readonly int _initialMs;
        private readonly int _maxMs;
        private readonly float _jitter;
        private uint _state;
        private int _attempt;

        public Backoff(int initialMs, int maxMs, float jitter, uint seed)
        {
            if (initialMs < 1 || maxMs < initialMs)
            {
                throw new System.ArgumentOutOfRangeException("initialMs");
            }

            if (jitter < 0f || jitter > 1f)
            {
                throw new System.ArgumentOutOfRangeException("jitter");
            }

            _initialMs = initialMs;
            _maxMs = maxMs;
            _jitter = jitter;
            _state = seed == 0 ? 0x9E3779B9u : seed;
        }

        /// <summary>Failed attempts since the last <see cref="Reset"/>.</summary>
        public int Attempt => _attempt;

        public int InitialMs => _initialMs;

        public int MaxMs => _maxMs;

        /// <summary>The un-jittered delay of the next attempt.</summary>
        public int CurrentBaseMs
        {
            get
            {
                long d = _initialMs;
                for (int i = 0; i < _attempt && d < _maxMs; i++)
                {
                    d *= 2;
                }

                return d < _maxMs ? (int)d : _maxMs;
            }
        }

        /// <summary>Delay before the next attempt, ms; counts the attempt.</summary>
        public int NextDelayMs()
        {
            int baseMs = CurrentBaseMs;
            if (_attempt < 30)
            {
                _attempt++;
            }

            // 24 random bits give a uniform fraction in [0, 1).
            float u = (NextRandom() >> 8) / 16777216f;
            int delay = baseMs - (int)(baseMs * _jitter * u);
            return delay < 1 ? 1 : delay;
        }

        /// <summary>After a success: the next failure starts again at the initial delay.</summary>
        public void Reset()
        {
            _attempt = 0;
        }

        private uint NextRandom()
        {
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }
    }
}
