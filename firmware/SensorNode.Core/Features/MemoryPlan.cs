using System;
using SensorNode.Core.Current;
using SensorNode.Core.Vibration;

namespace SensorNode.Core.Features
{
    /// <summary>
    /// The bytes <see cref="MeasurementPipeline"/> allocates for a configuration (array payloads: what the
    /// buffers and tables take on the managed heap, before per-object headers), computed without allocating,
    /// so a board profile or a config push can be checked against the device's heap before it is applied.
    /// Default configuration (3 axes, N = 2048, burst 2048, current 512 samples): 48,168 bytes ≤ 48 KB (49,152).
    /// </summary>
    public sealed class MemoryPlan
    {
        /// <summary>The design budget of the default pipeline on a WROOM board without PSRAM.</summary>
        public const int DefaultBudgetBytes = 48 * 1024;

        /// <summary>Three axes × burst length × 4 bytes.</summary>
        public int SampleBufferBytes;

        /// <summary>The FFT work buffer shared by the vibration and current analyzers.</summary>
        public int WorkBufferBytes;

        /// <summary>Vibration analyzer: FFT tables, window, Welch spectrum, peaks, filter.</summary>
        public int VibrationBytes;

        /// <summary>Current: ADC code buffer and analyzer tables.</summary>
        public int CurrentBytes;

        public int TotalBytes
        {
            get { return SampleBufferBytes + WorkBufferBytes + VibrationBytes + CurrentBytes; }
        }

        public bool FitsIn(int budgetBytes)
        {
            return TotalBytes <= budgetBytes;
        }

        /// <summary>The plan for <paramref name="settings"/> (which must validate).</summary>
        public static MemoryPlan For(PipelineSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            string error = settings.Validate();
            if (error != null)
            {
                throw new ArgumentException(error, "settings");
            }

            MemoryPlan plan = new MemoryPlan();
            plan.WorkBufferBytes = 4 * WorkLength(settings);
            if (settings.Vibration != null)
            {
                plan.SampleBufferBytes = MeasurementRecord.MaxAxes * 4 * settings.Vibration.BurstLength;
                plan.VibrationBytes = VibrationAnalyzer.EstimateBytes(settings.Vibration, true);
            }

            if (settings.Current != null)
            {
                plan.CurrentBytes = 2 * settings.Current.SampleCount + CurrentAnalyzer.EstimateBytes(settings.Current, true);
            }

            return plan;
        }

        /// <summary>Length of the shared work buffer: the larger FFT of the two channels.</summary>
        internal static int WorkLength(PipelineSettings settings)
        {
            int n = settings.Vibration != null ? settings.Vibration.FftSize : 0;
            if (settings.Current != null && settings.Current.FftSize > n)
            {
                n = settings.Current.FftSize;
            }

            return n;
        }
    }
}
