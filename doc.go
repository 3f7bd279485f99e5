// Package nn is a from-scratch reference implementation of perceptrons,
// multi-layer networks, activation functions and backpropagation, written to
// be read beside the lecture notes "Master perceptrons, multi-layer networks,
// activation functions, and backpropagation" (docs/notes.md restores their
// formulas, section by section). Every formula of the notes is one readable
// function, and `go test` checks the claims (docs/notes.md lists, for each
// section, the tests and what no test checks).
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
//   - [Perceptron], [NewPerceptron]
//   - [Perceptron.Predict]: ŷ = step(w·x + b)
//   - [Perceptron.Learn]: w ← w + η(y − ŷ)x, b ← b + η(y − ŷ), on mistakes only
//   - [Perceptron.Train]: epochs until one without a mistake (convergence theorem),
//     reported as a [PerceptronResult]
//   - [Step]: the step function, step(0) = 0
//
// # Activation functions (§2)
//
//   - [Sigmoid]: σ(z) = 1/(1 + e^{−z}), σ′ = σ(1 − σ)
//   - [Tanh]: tanh, tanh′ = 1 − tanh²
//   - [ReLU]: max(0, z); [ReLU.Prime] at the kink is 0 (a documented choice)
//   - [LeakyReLU]: slope α for z ≤ 0; the zero value LeakyReLU{} has α = [DefaultLeakySlope]
//   - [PReLU], [NewPReLU]: learned α; [PReLU.AlphaGrad] is ∂L/∂α
//   - [Identity]: linear output for regression
//   - [Softmax], [SoftmaxOf]: softmax(z)_k = e^{z_k}/Σ_j e^{z_j}, stable; [Softmax.Backward] is its Jacobian
//   - [Activation], [Elementwise], [Prime]: f and f′ as the network uses them
//
// # Multi-layer networks (§3)
//
//   - [MLP], [New]: layers z^l = W^l a^{l−1} + b^l, a^l = f(z^l)
//   - [MLP.Predict], [MLP.PredictBatch]: ŷ = a^L
//   - [MLP.Params], [Grads.Params]: every parameter and its gradient, as two
//     lists in the same order; [MLP.Clone], [MLP.CopyParams]; [MLP.L], the
//     number of layers with weights
//   - [MulVec]: W·a for one sample; [Linear], [LinearTo]: A·Wᵀ + 1·bᵀ for a batch
//   - [Matrix], [NewMatrix], [FromRows], [Matrix.At], [Matrix.Row]: the matrix
//     type; [Dot], [HadamardMatrix], [ColSumsTo]
//
// # Universal approximation, informal (§4)
//
//   - [StepSum]: one hidden layer of sigmoids approximating any continuous f
//     on an interval, with its sup error ([SupError]); see §12
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
//     ([MLP.NewGrads] allocates one)
//   - [MLP.Update]: step 6, θ ← θ − η ∂L/∂θ
//   - [MLP.Cost]: the mean loss over a data set
//   - [NumericalGrad]: central differences, to check any backward pass
//
// For a batch: [MLP.ForwardBatch], [MLP.BackpropBatch] (the mean of the
// per-sample gradients), built on [MulT]/[MulTTo] (A·Wᵀ), [Mul]/[MulTo] (Δ·W,
// step 4), [TMul]/[TMulTo] (Δᵀ·A, step 5) and [ColSums] (1ᵀΔ); [Workspace] ([MLP.NewWorkspace])
// holds their buffers so that a training step allocates nothing.
//
// # Gradient descent variants (§6)
//
//   - [MLP.Train], [TrainConfig]: one loop for all three, chosen by
//     [TrainConfig].BatchSize: N (batch), 1 (stochastic), 32, 64, 128 …
//     (mini-batch); samples reshuffled every epoch ([TrainConfig].OnBatch
//     names each step's rows); [History], [EpochStats]
//   - [MLP.TrainGD]: batch gradient descent, plain gradient descent (the SGD
//     update rule without momentum) on all the samples at once, the loop of `nn xor`
//
// # Training problems and their solutions (§7)
//
//   - [Init]: [XavierUniform], [XavierNormal] (variance 2/(n_in + n_out)),
//     [HeUniform], [HeNormal] (variance 2/n_in); [Init.Variance]
//   - [Optimizer]: [SGD] (plain, momentum v ← μv + g, θ ← θ − ηv, and
//     Nesterov), [NewAdam], [NewAdamW] ([Adam]), [NewRMSprop] ([RMSprop]),
//     [NewAdagrad] ([Adagrad])
//   - [Schedule]: [Constant], [StepDecay], [ExponentialDecay],
//     [CosineAnnealing], [ReduceOnPlateau] ([NewReduceOnPlateau], with
//     PyTorch's cooldown)
//   - [GlobalNorm], [ClipNorm] (g ← g·c/‖g‖ if ‖g‖ > c), [ClipValue]
//   - [BatchNorm] ([NewBatchNorm]), [MLP.SetBatchNorm]: ẑ = (z − μ_B)/√(σ²_B + ε), γẑ + β
//   - [MLP.SetDropout]: inverted dropout, keep probability p, scale 1/p
//   - [MLP.SetResidual]: a^l = f(z^l) + a^{l−1}
//   - [L2Penalty], [AddL2Grad]: (λ/2) Σ ‖W‖², ∂/∂W = λW
//   - [TrainConfig].Patience: early stopping, restoring the best weights
//   - [ErrDiverged]: a loss or gradient gone NaN or infinite, with the last
//     good weights kept
//   - [TrainConfig].Stop, [ErrStopped]: stop after the current step (Ctrl-C)
//
// # Worked example: XOR (§8)
//
//   - [XOR]: the four patterns
//   - [MLP.Gates], [TruthTable] ([TruthTable.Of] names its inputs): the gate
//     each unit has learned (OR, NAND, AND, …)
//   - [MLP.OutputGate]: the gate the output computes of the hidden units (AND)
//   - [HandXOR]: the OR/NAND/AND network set by hand
//   - `nn xor` (cmd/nn): trains the 2-2-1 network and prints what it learned
//
// # Worked example: backpropagation through a 3-layer network (§9)
//
// The notes' title counts the input, hidden and output layers; by their
// count of weight layers this 2-2-1 network has L = 2.
//
//   - [WorkedExample]: the example's network and sample
//   - [MLP.Backprop]; the test TestWorkedExample3Layer writes every
//     intermediate value out as a formula and checks it, and against [NumericalGrad]
//   - [MLP.Trace] ([Trace]): every intermediate of one step, with central
//     differences (h = [TraceH]), the update and the loss after it; `nn explain` prints it
//
// # Pseudocode (§10)
//
//   - [MLP.Forward] and [MLP.Backprop] follow it line by line
//
// # Vanishing and exploding gradients (§11)
//
//   - [GradientFlow], [LayerNorms]: ‖∂L/∂W^l‖ of every layer, the diagnostic
//     for both problems
//   - [Chain], [MLP.InputGrad]: a chain of L one-unit layers with every
//     z^l = 0, through which the gradient is multiplied by exactly 0.25^L
//     (sigmoid), 1 (tanh) or 2^L (weights 2, slope-1 units)
//
// # Universal approximation theorem, formal (§12)
//
//   - [StepSum]: f̂(x) = f(x₀) + Σᵢ (f(xᵢ) − f(xᵢ₋₁)) σ(k(x − cᵢ)), the sum of
//     shifted steep sigmoids; [SupError] measures sup |f − f̂|, and
//     [LogLogSlope] fits the power law of the error against N (≈ −1: error ∝ 1/N)
//   - [StepGap]: a steep sigmoid against the step function, σ(−kw) outside |x| < w
//   - [Towers], [SupError2D]: the same idea in two dimensions, with towers
//     built from pairs of steep units and a second sigmoid layer; it fails at
//     the grid crossings and on the outer edge, so it approximates f away
//     from them, not in the sup norm over the square
//
// # Depth efficiency (§13)
//
//   - [Sawtooth]: the tent map t(x) = 2ReLU(x) − 4ReLU(x − ½) composed k
//     times, 2ᵏ linear pieces from 2 units per layer
//   - [ShallowSawtooth]: the same function with one hidden layer of 2ᵏ units,
//     the fewest one hidden layer can do it with (2ᵏ − 1 by counting pieces
//     is only a bound)
//   - [Sample], [CountPieces]: count linear pieces numerically
//   - [ParityTree]: n-bit parity as a tree of §8's XOR block, O(n) units
//   - [ParityNaive]: one unit per odd-parity pattern, 2ⁿ⁻¹ units
//   - [ParityCount]: n units that count the inputs that are on — why parity
//     illustrates but does not prove the separation
//   - [Units]: the number of units of a network
//
// # Self-test (§14)
//
// `nn quiz` (cmd/nn/quiz.go): ten questions, on §1, §2, §3, §5, §6, §7, §8,
// §11, §12 and §13, whose answer keys the library computes when the quiz runs;
// `nn quiz -key` prints them. `nn` with no command tours every section and
// `nn plot` draws them (activations §2, boundary §3, perceptron §1, loss §6,
// gradflow §11, approx §12, sawtooth §13).
//
// # Data
//
//   - [ReadCSV], [LoadCSV], [CSVOptions], [Dataset]: CSV files (quoted fields, any
//     separator, gzip) with errors naming line and column; class labels are any
//     strings, encoded in sorted order ([Dataset.ClassName]); numeric targets
//     for regression ([Dataset.Regression], [Dataset.Targets]); [CSVColumns]:
//     where the file had its label, targets and dropped columns, to read one
//     laid out as it was without its header
//   - [CSVError] ([CSVFix], [ErrNotNumber], [ErrMissing], [ErrNotUTF8],
//     [ErrNotClasses], [ErrHeaderOnly], [ErrNoSamples]) and [SplitError]: the
//     reader's and the splits' errors, with the place and the numbers a program
//     needs to word its own message
//   - [StratifiedSplit], [RandomSplit], [Dataset.Subset], [FitStandardizer] ([Standardizer]),
//     [OneHot], [Dataset.OneHot]
//   - [Accuracy], [Classify], [ConfusionMatrix]; [RSquared] and [RSquaredColumns] for regression
//   - [ErrData], [ErrSettings], [ErrConfig]: what Train and New reject
//   - [Iris], [Digits]: the two small data sets, embedded; [LoadNamed] also finds
//     fashion-mnist and mnist in [DatasetDir] ([ErrNoDataset] when missing,
//     [FashionMNISTClasses])
//   - [ReadIDX], [LoadIDX], [IDXDataset], [LoadMNIST]: the IDX files of MNIST and
//     Fashion-MNIST, gzip or not, pixels scaled to [0, 1]
//
// # Models
//
//   - [Model]: a network with its input [Standardizer], class names, the
//     training file's [CSVColumns] and [TrainingRecord]; [Model.PredictBatch],
//     [Model.Classify]
//   - [Model.Save] (atomic), [LoadModel], [Model.Write], [ReadModel]: the JSON
//     file ([ModelFormat], [ModelVersion]), floats bit for bit
//   - [WriteFileAtomic]: write a file whole or not at all, keeping the old one's permissions
//   - [ParseActivation], [ParseLoss]: an activation or a loss by the name its
//     String method gives it; [CheckLoss] ([LossError]): a loss against the
//     output activation it needs
//   - [TwoMoons], [Circles], [Spirals], [XORBlobs]: 2-D toy data sets for §1, §3 and §8
//
// # License
//
// The code is under the MIT license (the LICENSE file); the bundled data sets keep
// their own terms (testdata/README.md).
package nn
