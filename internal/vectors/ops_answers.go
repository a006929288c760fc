package vectors

// answerOperations are the platform-answer operations.
var answerOperations = map[string]operation{}
