// Package nn is a from-scratch reference implementation of perceptrons,
// multi-layer networks, activation functions and backpropagation, written to
// be read beside the lecture notes "Master perceptrons, multi-layer networks,
// activation functions, and backpropagation" (NOTES.md restores their
// formulas, section by section). Every formula of the notes is one readable
// function, and `go test` checks every claim.
//
// Notation follows the notes: layers l = 1 … L, a^0 = x, W^l is n_l×n_{l−1},
// and slices are indexed by the layer number (W[0] is unused). A batch of m
// samples is a Matrix whose rows are the samples, so a layer computes
// Z = A·Wᵀ + 1·bᵀ. Anything random takes a *rand.Rand (math/rand/v2) from the
// caller. A shape mismatch panics with a message naming the function and the
// shapes; bad data and settings return an error.
//
// The map below lists, for each section of the notes, the functions that
// implement it.
//
// # The perceptron (§1)
//
//   - [Perceptron.Predict]: ŷ = step(w·x + b)
//   - [Perceptron.Learn]: w ← w + η(y − ŷ)x, b ← b + η(y − ŷ), on mistakes only
//   - [Perceptron.Train]: epochs until one without a mistake (convergence theorem)
//   - [Step]: the step function, step(0) = 0
//
// # Activation functions (§2)
//
//   - [Sigmoid]: σ(z) = 1/(1 + e^{−z}), σ′ = σ(1 − σ)
//   - [Tanh]: tanh, tanh′ = 1 − tanh²
//   - [ReLU]: max(0, z); [ReLU.Prime] at the kink is 0 (a documented choice)
//   - [LeakyReLU]: slope α = [DefaultLeakySlope] for z ≤ 0
//   - [PReLU]: learned α; [PReLU.AlphaGrad] is ∂L/∂α
//   - [Identity]: linear output for regression
//   - [Softmax], [SoftmaxOf]: softmax(z)_k = e^{z_k}/Σ_j e^{z_j}, stable; [Softmax.Backward] is its Jacobian
//   - [Activation], [Elementwise], [Prime]: f and f′ as the network uses them
//
// # Multi-layer networks (§3)
//
//   - [MLP], [New]: layers z^l = W^l a^{l−1} + b^l, a^l = f(z^l)
//   - [MulVec]: W·a for one sample; [Linear], [LinearTo]: A·Wᵀ + 1·bᵀ for a batch
//   - [Matrix], [NewMatrix], [FromRows]: the matrix type
//
// # Universal approximation, informal (§4)
//
// Planned (approx.go): constructions that show it; see §12.
//
// # Backpropagation (§5)
//
//   - [MLP.Forward]: step 1, keeping every z^l and a^l
//   - [MSE], [CrossEntropy], [BinaryCrossEntropy]: step 2, the losses ([Loss])
//   - [OutputDelta]: step 3, δ^L = ∇_a L ⊙ f′(z^L)
//   - [SoftmaxCrossEntropyDelta], [SigmoidBinaryCrossEntropyDelta]: step 3's simplification δ^L = a^L − y
//   - [MulTVec], [Hadamard], [Prime]: step 4, δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ f′(z^l)
//   - [Outer]: step 5, ∂L/∂W^l = δ^l (a^{l−1})ᵀ
//   - [MLP.Backprop]: steps 1–5 for one sample; [Grads] holds the result
//   - [MLP.Update]: step 6, θ ← θ − η ∂L/∂θ
//   - [NumericalGrad]: central differences, to check any backward pass
//
// For a batch: [MLP.ForwardBatch], [MLP.BackpropBatch] (the mean of the
// per-sample gradients), built on [MulT]/[MulTTo] (A·Wᵀ), [Mul]/[MulTo] (Δ·W,
// step 4), [TMul]/[TMulTo] (Δᵀ·A, step 5) and [ColSums] (1ᵀΔ); [Workspace]
// holds their buffers so that a training step allocates nothing.
//
// # Gradient descent variants (§6)
//
//   - [MLP.Train], [TrainConfig]: one loop for all three, chosen by
//     [TrainConfig].BatchSize: N (batch), 1 (stochastic), 32, 64, 128 …
//     (mini-batch); samples reshuffled every epoch; [History], [EpochStats]
//   - [MLP.TrainGD]: batch gradient descent in a few lines
//
// # Training problems and their solutions (§7)
//
//   - [Init]: [XavierUniform], [XavierNormal] (variance 2/(n_in + n_out)),
//     [HeUniform], [HeNormal] (variance 2/n_in)
//   - [Optimizer]: [SGD] (plain, momentum v ← μv + g, θ ← θ − ηv, and
//     Nesterov), [NewAdam], [NewAdamW] ([Adam]), [NewRMSprop], [NewAdagrad]
//   - [Schedule]: [Constant], [StepDecay], [ExponentialDecay],
//     [CosineAnnealing], [ReduceOnPlateau]
//   - [GlobalNorm], [ClipNorm] (g ← g·c/‖g‖ if ‖g‖ > c), [ClipValue]
//   - [BatchNorm], [MLP.SetBatchNorm]: ẑ = (z − μ_B)/√(σ²_B + ε), γẑ + β
//   - [MLP.SetDropout]: inverted dropout, keep probability p, scale 1/p
//   - [MLP.SetResidual]: a^l = f(z^l) + a^{l−1}
//   - [L2Penalty], [AddL2Grad]: (λ/2) Σ ‖W‖², ∂/∂W = λW
//   - [TrainConfig].Patience: early stopping, restoring the best weights
//   - [ErrDiverged]: a loss or gradient gone NaN or infinite, with the last
//     good weights kept
//
// # Worked example: XOR (§8)
//
//   - [XOR]: the four patterns
//   - [MLP.Gates], [TruthTable]: the gate each unit has learned (OR, NAND, AND, …)
//   - [HandXOR]: the OR/NAND/AND network set by hand
//   - cmd/nn: trains the 2-2-1 network and prints what it learned
//
// # Worked example: backpropagation through a 3-layer network (§9)
//
//   - [MLP.Backprop]; the test TestWorkedExample3Layer writes every
//     intermediate value out as a formula and checks it, and against [NumericalGrad]
//
// # Pseudocode (§10)
//
//   - [MLP.Forward] and [MLP.Backprop] follow it line by line
//
// # Vanishing and exploding gradients (§11)
//
//   - [GradientFlow], [LayerNorms]: ‖∂L/∂W^l‖ of every layer, the diagnostic
//     for both problems
//
// Planned (approx.go): the exact chains of §11 (0.25^L, 1^L, 2^L).
//
// # Universal approximation theorem, formal (§12)
//
// Planned (approx.go): sums of steep sigmoids, their sup error as N grows.
//
// # Depth efficiency (§13)
//
// Planned (approx.go): the sawtooth and parity constructions.
//
// # Self-test (§14)
//
// Planned: ten questions whose answer keys the library computes.
//
// # Data
//
//   - [ReadCSV], [LoadCSV], [Dataset]: numeric CSV with errors naming line and column
//   - [StratifiedSplit], [Dataset.Subset], [FitStandardizer] ([Standardizer]),
//     [OneHot], [Dataset.OneHot]
//   - [Accuracy], [Classify], [ConfusionMatrix]
package nn
